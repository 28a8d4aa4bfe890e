import { lstat, open, readdir, readlink } from "node:fs/promises";
import path from "node:path";

/** MAX_FILE_BYTES is the largest host file a scanner reads (1 MiB). */
export const MAX_FILE_BYTES = 1024 * 1024;

const MAX_LINKS = 40;

/**
 * resolveInRoot maps an absolute host path to a real path under `root`,
 * resolving symlinks as if `root` were `/` (chroot semantics): absolute link
 * targets restart at `root`, `..` never climbs above it. Returns null when the
 * path does not exist, loops, or cannot be read.
 */
export async function resolveInRoot(root: string, hostPath: string): Promise<string | null> {
  const base = path.resolve(root);
  const pending = hostPath.split("/").filter(Boolean);
  const done: string[] = [];
  let links = 0;
  while (pending.length > 0) {
    const part = pending.shift()!;
    if (part === ".") continue;
    if (part === "..") {
      done.pop();
      continue;
    }
    const real = path.join(base, ...done, part);
    let st;
    try {
      st = await lstat(real);
    } catch {
      return null;
    }
    if (!st.isSymbolicLink()) {
      done.push(part);
      continue;
    }
    if (++links > MAX_LINKS) return null;
    let target: string;
    try {
      target = await readlink(real);
    } catch {
      return null;
    }
    if (target.startsWith("/")) done.length = 0;
    pending.unshift(...target.split("/").filter(Boolean));
  }
  return path.join(base, ...done);
}

/** ReadResult is a bounded read of one host file. */
export type ReadResult = { ok: true; text: string; realPath: string } | { ok: false; reason: "missing" | "not_file" | "too_large" | "unreadable" };

/** readHostFile reads a regular file under `root` (symlinks confined to root), at most `maxBytes`. */
export async function readHostFile(root: string, hostPath: string, maxBytes = MAX_FILE_BYTES): Promise<ReadResult> {
  const real = await resolveInRoot(root, hostPath);
  if (real === null) return { ok: false, reason: "missing" };
  let fh;
  try {
    fh = await open(real, "r");
  } catch {
    return { ok: false, reason: "unreadable" };
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) return { ok: false, reason: "not_file" };
    if (st.size > maxBytes) return { ok: false, reason: "too_large" };
    const buf = Buffer.alloc(maxBytes + 1);
    let len = 0;
    while (len < buf.length) {
      const { bytesRead } = await fh.read(buf, len, buf.length - len, len);
      if (bytesRead === 0) break;
      len += bytesRead;
    }
    if (len > maxBytes) return { ok: false, reason: "too_large" };
    return { ok: true, text: buf.subarray(0, len).toString("utf8"), realPath: real };
  } catch {
    return { ok: false, reason: "unreadable" };
  } finally {
    await fh.close();
  }
}

/** readHostText returns the file's text or null (missing, too large, unreadable). */
export async function readHostText(root: string, hostPath: string, maxBytes = MAX_FILE_BYTES): Promise<string | null> {
  const r = await readHostFile(root, hostPath, maxBytes);
  return r.ok ? r.text : null;
}

/** DirEntry is one directory entry; `dir` is false for symlinks (never followed). */
export interface DirEntry {
  name: string;
  dir: boolean;
}

/** listHostDir lists a directory under `root`; returns [] when it cannot be read. */
export async function listHostDir(root: string, hostPath: string): Promise<DirEntry[]> {
  const real = await resolveInRoot(root, hostPath);
  if (real === null) return [];
  try {
    const entries = await readdir(real, { withFileTypes: true });
    return entries.map((e) => ({ name: e.name, dir: e.isDirectory() }));
  } catch {
    return [];
  }
}

/** isHostDir reports whether a host path is a directory (after confined resolution). */
export async function isHostDir(root: string, hostPath: string): Promise<boolean> {
  const real = await resolveInRoot(root, hostPath);
  if (real === null) return false;
  try {
    return (await lstat(real)).isDirectory();
  } catch {
    return false;
  }
}
