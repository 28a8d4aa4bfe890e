#!/bin/sh
# Flotilla worker installer, served by the master at /install.sh.
#
#   curl -fsSL http://MASTER:8080/install.sh | FLOTILLA_JOIN_TOKEN='flt1...' sh
#
# Checks the OS, verifies the master's CA certificate against the SHA-256
# pinned in the join token, downloads the worker from the same master and
# verifies its SHA-256, installs it with a systemd unit, a worker.env and a
# join-token file (mode 0600; the worker reads the token from it with
# FLOTILLA_JOIN_TOKEN_FILE, so it is in no command line) and starts it. With Node.js >= 20 on the host the
# worker is one ES module (flotilla-worker.mjs); without it, the single
# executable with Node inside (flotilla-worker-linux-<arch>) if the master
# offers one for this architecture (the CA check then uses openssl).
#
# Environment: FLOTILLA_JOIN_TOKEN (required; or FLOTILLA_JOIN_TOKEN_FILE, a
# file holding it), FLOTILLA_WORKER_SHA256 and
# FLOTILLA_WORKER_EXE_SHA256 (the artifact hashes the join command carries),
# FLOTILLA_LABELS, FLOTILLA_URL and
# FLOTILLA_MASTER (default: this master), FLOTILLA_INSTALL_ROOT (prefix for
# every path written; no service is started then), FLOTILLA_FOREGROUND=1 (as
# --foreground).
# Options: --foreground  run the worker in the foreground instead of as a service.
set -eu

FLOTILLA_URL=${FLOTILLA_URL:-'@@FLOTILLA_URL@@'}
FLOTILLA_MASTER=${FLOTILLA_MASTER:-'@@FLOTILLA_MASTER@@'}
ROOT=${FLOTILLA_INSTALL_ROOT:-}
FOREGROUND=${FLOTILLA_FOREGROUND:-}

say() { printf 'flotilla-install: %s\n' "$*"; }
die() { printf 'flotilla-install: error: %s\n' "$*" >&2; exit 1; }

for arg in "$@"; do
  case $arg in
    --foreground) FOREGROUND=1 ;;
    -h|--help) say "usage: curl -fsSL $FLOTILLA_URL/install.sh | FLOTILLA_JOIN_TOKEN=<token> sh [-s -- --foreground]"; exit 0 ;;
    *) die "unknown option: $arg (known: --foreground)" ;;
  esac
done

os=$(uname -s)
arch=$(uname -m)
[ "$os" = Linux ] || die "unsupported operating system: $os (the worker runs on Linux)"
case $arch in
  x86_64|amd64|aarch64|arm64|armv7l|ppc64le|s390x) ;;
  *) die "unsupported architecture: $arch" ;;
esac

token=${FLOTILLA_JOIN_TOKEN:-}
if [ -z "$token" ] && [ -n "${FLOTILLA_JOIN_TOKEN_FILE:-}" ]; then
  token=$(cat -- "$FLOTILLA_JOIN_TOKEN_FILE") || die "cannot read FLOTILLA_JOIN_TOKEN_FILE ($FLOTILLA_JOIN_TOKEN_FILE)"
fi
[ -n "$token" ] || die "FLOTILLA_JOIN_TOKEN is not set: copy the join command the master printed when the token was created"
# The worker started below gets the token from its file only.
unset FLOTILLA_JOIN_TOKEN FLOTILLA_JOIN_TOKEN_FILE
case $token in
  flt1.*.*.*) ;;
  *) die "malformed join token (expected flt1.<id>.<secret>.<ca sha256>)" ;;
esac
pin=${token##*.}
case $pin in *[!0-9a-f]*) die "malformed join token: the CA pin is not hex" ;; esac
[ ${#pin} -eq 64 ] || die "malformed join token: the CA pin is not a SHA-256"
for v in "$token" "$FLOTILLA_MASTER" "${FLOTILLA_LABELS:-}"; do
  if printf '%s' "$v" | grep -q '[^][A-Za-z0-9._:/@+=,-]'; then die "unexpected characters in: $v"; fi
done

node=$(command -v node 2>/dev/null) || node=
if [ -n "$node" ] && ! "$node" -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)'; then
  say "Node.js $("$node" --version) is older than 20; looking for the single executable instead"
  node=
fi
case $arch in
  x86_64|amd64) exe_target=linux-x64 ;;
  aarch64|arm64) exe_target=linux-arm64 ;;
  *) exe_target= ;;
esac
if [ -n "$node" ]; then
  artifact=flotilla-worker.mjs
  pinned=${FLOTILLA_WORKER_SHA256:-}
  runtime="node $("$node" --version)"
else
  [ -n "$exe_target" ] || die "Node.js >= 20 is required on $arch (https://nodejs.org); or run the worker container image"
  command -v openssl >/dev/null 2>&1 || die "without Node.js, openssl is needed to check the master's CA; install Node.js >= 20 or openssl"
  artifact=flotilla-worker-$exe_target
  pinned=${FLOTILLA_WORKER_EXE_SHA256:-}
  runtime="no Node.js: single executable $artifact"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cacert=
# fetch URL FILE downloads over HTTP(S); after the CA is pinned, HTTPS trusts only that CA.
fetch() {
  if command -v curl >/dev/null 2>&1; then
    if [ -n "$cacert" ]; then curl -fsSL --cacert "$cacert" -o "$2" "$1"; else curl -fsSL -o "$2" "$1"; fi
  elif command -v wget >/dev/null 2>&1; then
    if [ -n "$cacert" ]; then wget -q --ca-certificate="$cacert" -O "$2" "$1"; else wget -q -O "$2" "$1"; fi
  else
    die "curl or wget is required"
  fi || die "download failed: $1"
}
sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
  elif [ -n "$node" ]; then "$node" -e 'process.stdout.write(require("crypto").createHash("sha256").update(require("fs").readFileSync(process.argv[1])).digest("hex"))' "$1"
  else openssl dgst -sha256 -r "$1" | cut -d' ' -f1
  fi
}
# ca_sha256 FILE prints the SHA-256 of the certificate's DER encoding (what the token pins).
ca_sha256() {
  if [ -n "$node" ]; then
    "$node" -e 'const c = require("crypto"); process.stdout.write(c.createHash("sha256").update(new c.X509Certificate(require("fs").readFileSync(process.argv[1])).raw).digest("hex"))' "$1"
  else
    openssl x509 -in "$1" -outform DER -out "$tmp/ca.der" 2>/dev/null && sha256 "$tmp/ca.der"
  fi
}

say "installing the Flotilla worker for $os/$arch from $FLOTILLA_URL ($runtime)"
fetch "$FLOTILLA_URL/api/v1/pki/ca.pem" "$tmp/ca.pem"
ca=$(ca_sha256 "$tmp/ca.pem") || die "the master did not serve a CA certificate"
[ "$ca" = "$pin" ] || die "CA pin mismatch: the master's CA has SHA-256 $ca, the join token pins $pin"
say "verified CA pin: the master's CA certificate matches the join token (sha256 $pin)"
cacert=$tmp/ca.pem

if [ -n "$node" ]; then
  fetch "$FLOTILLA_URL/api/v1/downloads/$artifact.sha256" "$tmp/worker.sha256"
elif ! (fetch "$FLOTILLA_URL/api/v1/downloads/$artifact.sha256" "$tmp/worker.sha256") 2>/dev/null; then
  die "Node.js >= 20 is required: this master offers no single executable for $exe_target (https://nodejs.org)"
fi
want=$(cut -d' ' -f1 "$tmp/worker.sha256")
if [ -n "$pinned" ] && [ "$want" != "$pinned" ]; then
  die "SHA-256 mismatch: the master offers $want, the join command expects $pinned"
fi
fetch "$FLOTILLA_URL/api/v1/downloads/$artifact" "$tmp/$artifact"
got=$(sha256 "$tmp/$artifact")
[ "$got" = "$want" ] || die "SHA-256 mismatch: downloaded $artifact has $got, expected $want"
say "verified SHA-256 of $artifact: $got"

bin_dir=$ROOT/opt/flotilla-worker
etc_dir=$ROOT/etc/flotilla
state_dir=$ROOT/var/lib/flotilla-worker
unit_dir=$ROOT/etc/systemd/system
umask 077
mkdir -p "$bin_dir" "$etc_dir" "$state_dir" "$unit_dir"
chmod 0755 "$bin_dir"
if [ -n "$node" ]; then
  installed=$bin_dir/flotilla-worker.mjs
  exec_line="'$node' '$installed'"
  mv "$tmp/$artifact" "$installed"
  chmod 0644 "$installed"
else
  installed=$bin_dir/flotilla-worker
  exec_line="'$installed'"
  mv "$tmp/$artifact" "$installed"
  chmod 0755 "$installed"
fi
# The token goes to the worker in a file of its own (0600), so it is in no
# process's command line or environment.
(umask 077 && printf '%s\n' "$token" >"$etc_dir/join-token")
chmod 0600 "$etc_dir/join-token"
{
  echo "# Written by install.sh. The token in join-token is used once, for enrollment."
  echo "FLOTILLA_MASTER=$FLOTILLA_MASTER"
  echo "FLOTILLA_JOIN_TOKEN_FILE=$etc_dir/join-token"
  [ -z "${FLOTILLA_LABELS:-}" ] || echo "FLOTILLA_LABELS=$FLOTILLA_LABELS"
} >"$etc_dir/worker.env"
chmod 0600 "$etc_dir/worker.env"
# run: starts the worker with worker.env, for hosts without systemd.
cat >"$bin_dir/run" <<RUN
#!/bin/sh
set -a
. '$etc_dir/worker.env'
set +a
cd '$state_dir'
exec $exec_line --state-dir '$state_dir' "\$@"
RUN
chmod 0755 "$bin_dir/run"
cat >"$tmp/unit" <<'UNIT'
@@WORKER_UNIT@@
UNIT
# Without Node, ExecStart runs the executable itself.
[ -n "$node" ] || sed -i "s#^ExecStart=/usr/bin/node /opt/flotilla-worker/flotilla-worker.mjs #ExecStart=/opt/flotilla-worker/flotilla-worker #" "$tmp/unit"
sed "s#/opt/flotilla-worker#$bin_dir#g; s#/etc/flotilla/#$etc_dir/#g; s#/var/lib/flotilla-worker#$state_dir#g; s#/usr/bin/node #$node #g" \
  "$tmp/unit" >"$unit_dir/flotilla-worker.service"
chmod 0644 "$unit_dir/flotilla-worker.service"
say "installed $installed, $etc_dir/worker.env and $etc_dir/join-token (0600) and $unit_dir/flotilla-worker.service"

if [ -n "$FOREGROUND" ]; then
  say "running the worker in the foreground (Ctrl-C stops it)"
  exec "$bin_dir/run"
fi
if [ -z "$ROOT" ] && [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  systemctl enable --now flotilla-worker.service
  say "started flotilla-worker.service; follow it with: journalctl -u flotilla-worker -f"
elif [ -n "$ROOT" ]; then
  say "installed under FLOTILLA_INSTALL_ROOT=$ROOT; no service started. Run it with: $bin_dir/run"
else
  say "systemd is not running on this host, so no service was started. Run the worker with: $bin_dir/run (or install again with --foreground)"
fi
