#!/bin/sh
# Builds the local test image local/busybox:1 from the host's static busybox.
# Idempotent: does nothing when the image already exists. No registry needed.
set -eu

IMAGE="${FLOTILLA_TEST_IMAGE:-local/busybox:1}"
BUSYBOX="${BUSYBOX:-/bin/busybox}"

if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "$IMAGE already present"
  exit 0
fi

if [ ! -x "$BUSYBOX" ]; then
  echo "error: $BUSYBOX not found (install busybox-static)" >&2
  exit 1
fi

ROOTFS="$(mktemp -d)"
trap 'rm -rf "$ROOTFS"' EXIT INT TERM

mkdir -p "$ROOTFS/bin" "$ROOTFS/tmp" "$ROOTFS/etc" "$ROOTFS/proc" "$ROOTFS/sys" "$ROOTFS/dev"
cp "$BUSYBOX" "$ROOTFS/bin/busybox"
for cmd in sh ash sleep echo cat ls yes top ps true false env head tail wc \
  dd mkdir rm cp mv touch grep sed awk printf id hostname date uname kill \
  seq watch free df du tee sort uniq nc wget vi; do
  ln -s busybox "$ROOTFS/bin/$cmd"
done
echo "root:x:0:0:root:/root:/bin/sh" >"$ROOTFS/etc/passwd"
echo "root:x:0:" >"$ROOTFS/etc/group"

(cd "$ROOTFS" && tar -c .) | docker import \
  --change 'ENV PATH=/bin' \
  --change 'CMD ["/bin/sh"]' \
  - "$IMAGE" >/dev/null
echo "built $IMAGE"
