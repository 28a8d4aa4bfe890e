import { statfs } from "node:fs/promises";
import { join } from "node:path";
import type { Collector, Point } from "./collector.js";
import { parseMounts, type Mount } from "./parse/index.js";
import { readText } from "./read.js";

/** PSEUDO_FSTYPES lists filesystem types that hold no user data and are never reported. */
export const PSEUDO_FSTYPES: ReadonlySet<string> = new Set([
  "autofs",
  "binfmt_misc",
  "bpf",
  "cgroup",
  "cgroup2",
  "configfs",
  "debugfs",
  "devpts",
  "devtmpfs",
  "efivarfs",
  "fuse.gvfsd-fuse",
  "fuse.lxcfs",
  "fusectl",
  "hugetlbfs",
  "mqueue",
  "nsfs",
  "overlay",
  "proc",
  "pstore",
  "ramfs",
  "rpc_pipefs",
  "securityfs",
  "selinuxfs",
  "squashfs",
  "sysfs",
  "tmpfs",
  "tracefs",
  "aufs",
  "shm",
  "nfsd",
]);

/** PSEUDO_MOUNT_PREFIXES lists mount point prefixes never reported (kernel and container runtime internals). */
export const PSEUDO_MOUNT_PREFIXES: readonly string[] = [
  "/proc/",
  "/sys/",
  "/dev/",
  "/run/docker/",
  "/var/lib/docker/",
  "/var/lib/containerd/",
  "/run/containerd/",
  "/snap/",
];

/** STATFS_TIMEOUT_MS bounds one statfs call so a hung network mount cannot stall the round. */
const STATFS_TIMEOUT_MS = 2000;

/** isReportedMount reports whether a mount holds real storage worth reporting. */
export function isReportedMount(m: Mount): boolean {
  if (PSEUDO_FSTYPES.has(m.fsType) || m.fsType.startsWith("cgroup")) return false;
  if (m.mountPoint === "/proc" || m.mountPoint === "/sys" || m.mountPoint === "/dev") return false;
  return !PSEUDO_MOUNT_PREFIXES.some((p) => m.mountPoint.startsWith(p));
}

/**
 * createFilesystemCollector reports size, use and inodes of every real
 * filesystem in `<procRoot>/self/mounts`, measured with statfs on the mount
 * point under hostRoot. Labels: mount, device, fstype.
 */
export function createFilesystemCollector(): Collector {
  return {
    name: "filesystem",
    async collect(ctx) {
      const byMount = new Map<string, Mount>();
      for (const m of parseMounts(await readText(ctx.procRoot, "self", "mounts"))) {
        if (isReportedMount(m)) byMount.set(m.mountPoint, m);
      }
      const results = await Promise.all(
        [...byMount.values()].map(async (m) => {
          try {
            return await measure(join(ctx.hostRoot, m.mountPoint), m);
          } catch (err) {
            ctx.log.debug({ err, mount: m.mountPoint }, "statfs failed");
            return [];
          }
        }),
      );
      return results.flat();
    },
  };
}

async function measure(path: string, m: Mount): Promise<Point[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("statfs timed out")), STATFS_TIMEOUT_MS);
  });
  const s = await Promise.race([statfs(path), timeout]).finally(() => clearTimeout(timer));
  if (s.blocks === 0) return [];
  const labels = { mount: m.mountPoint, device: m.device, fstype: m.fsType };
  const total = s.blocks * s.bsize;
  const used = (s.blocks - s.bfree) * s.bsize;
  const avail = s.bavail * s.bsize;
  return [
    { name: "fs.total_bytes", value: total, labels },
    { name: "fs.used_bytes", value: used, labels },
    { name: "fs.avail_bytes", value: avail, labels },
    // Same definition as df: share of the space usable by unprivileged users.
    { name: "fs.usage_ratio", value: used + avail > 0 ? used / (used + avail) : 0, labels },
    { name: "fs.inodes_total", value: s.files, labels },
    { name: "fs.inodes_used", value: Math.max(0, s.files - s.ffree), labels },
  ];
}
