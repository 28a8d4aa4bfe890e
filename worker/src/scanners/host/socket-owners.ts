import { readdir, readFile, readlink } from "node:fs/promises";
import path from "node:path";

const MAX_PIDS = 20000;

/**
 * socketOwners maps socket inodes to the name (comm) of a process holding
 * them, by reading <procDir>/<pid>/fd/* links. Processes that vanish or deny
 * access are skipped silently.
 */
export async function socketOwners(procDir: string, signal?: AbortSignal): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  let pids: string[];
  try {
    pids = (await readdir(procDir)).filter((p) => /^\d+$/.test(p)).slice(0, MAX_PIDS);
  } catch {
    return owners;
  }
  for (const pid of pids) {
    if (signal?.aborted) break;
    const fdDir = path.join(procDir, pid, "fd");
    let fds: string[];
    try {
      fds = await readdir(fdDir);
    } catch {
      continue;
    }
    let comm: string | null = null;
    for (const fd of fds) {
      let target: string;
      try {
        target = await readlink(path.join(fdDir, fd));
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(target);
      if (!m || owners.has(m[1]!)) continue;
      if (comm === null) {
        try {
          comm = (await readFile(path.join(procDir, pid, "comm"), "utf8")).trim();
        } catch {
          comm = "";
        }
      }
      owners.set(m[1]!, comm);
    }
  }
  return owners;
}
