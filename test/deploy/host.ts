import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** EXE is the single-executable worker the build makes for this machine (when it can). */
export const EXE = new URL(`../../master/dist/downloads/flotilla-worker-${process.platform}-${process.arch}`, import.meta.url).pathname;

/** asHost runs a join command the way a new host's operator pastes it: sh -c, an empty dir, a fresh HOME. */
export function asHost(command: string, root: string, extraEnv: NodeJS.ProcessEnv = {}) {
  const home = mkdtempSync(join(tmpdir(), "flotilla-home-"));
  const cwd = mkdtempSync(join(tmpdir(), "flotilla-cwd-"));
  const env = { PATH: process.env.PATH!, HOME: home, FLOTILLA_INSTALL_ROOT: root, ...extraEnv };
  const child = spawn("sh", ["-c", command], { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (c) => (out += c));
  child.stderr!.on("data", (c) => (out += c));
  const exited = new Promise<number | null>((ok) => child.once("exit", (code) => ok(code)));
  return {
    child,
    output: () => out,
    exited,
    cleanup: () => {
      for (const d of [home, cwd]) rmSync(d, { recursive: true, force: true });
    },
  };
}

/** stopGroup ends the process group a host command started. */
export function stopGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    /* already gone */
  }
}
