import { readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** DOWNLOADS_DIR holds the build's worker artifact (scripts/bundle-worker.mjs); valid from src/ and dist/. */
export const DOWNLOADS_DIR = fileURLToPath(new URL("../../dist/downloads/", import.meta.url));
const INSTALL_SH = fileURLToPath(new URL("../../install/install.sh", import.meta.url));
const WORKER_UNIT = fileURLToPath(new URL("../../../deploy/systemd/flotilla-worker.service", import.meta.url));

/** WorkerArtifact is the single-file worker the master serves to its hosts. */
export interface WorkerArtifact {
  bytes: Buffer;
  sha256: string;
}

/**
 * EXECUTABLE_TARGETS are the `<os>-<arch>` names a single-executable worker
 * may exist for; the build makes the one of the machine it runs on.
 */
export const EXECUTABLE_TARGETS = ["linux-x64", "linux-arm64"] as const;

/** WorkerExecutable is the worker as one executable with Node inside (Node SEA), served from disk. */
export interface WorkerExecutable {
  target: string;
  path: string;
  size: number;
  sha256: string;
}

/** Artifacts reads the downloadable files once, on first use. */
export interface Artifacts {
  /** The worker bundle, or null when the build did not produce it. */
  worker(): WorkerArtifact | null;
  /** The single executable for `target` (e.g. linux-x64), or null when not built. */
  executable(target: string): WorkerExecutable | null;
  /** install.sh for a master reachable at `url` with workers dialling `grpcAddr`. */
  installScript(url: string, grpcAddr: string): string;
}

/** createArtifacts returns the master's downloads, read lazily from the build output. */
export function createArtifacts(dir = DOWNLOADS_DIR): Artifacts {
  let worker: WorkerArtifact | null | undefined;
  let script: string | undefined;
  const executables = new Map<string, WorkerExecutable | null>();
  return {
    executable(target) {
      if (!(EXECUTABLE_TARGETS as readonly string[]).includes(target)) return null;
      if (!executables.has(target)) {
        const path = `${dir}flotilla-worker-${target}`;
        try {
          // About 100 MB: streamed from disk on request, never held in memory.
          const sha256 = readFileSync(`${path}.sha256`, "utf8").split(/\s+/)[0]!;
          executables.set(target, { target, path, size: statSync(path).size, sha256 });
        } catch {
          executables.set(target, null);
        }
      }
      return executables.get(target)!;
    },
    worker() {
      if (worker === undefined) {
        try {
          const bytes = readFileSync(`${dir}flotilla-worker.mjs`);
          const sha256 = readFileSync(`${dir}flotilla-worker.mjs.sha256`, "utf8").split(/\s+/)[0]!;
          worker = { bytes, sha256 };
        } catch {
          worker = null;
        }
      }
      return worker;
    },
    installScript(url, grpcAddr) {
      script ??= readFileSync(INSTALL_SH, "utf8").replace("@@WORKER_UNIT@@", readFileSync(WORKER_UNIT, "utf8").trimEnd());
      // Both values are URL/HOST:PORT shaped; single quotes cannot occur in them.
      const q = (s: string) => s.replace(/'/g, "");
      return script.replace("@@FLOTILLA_URL@@", q(url)).replace("@@FLOTILLA_MASTER@@", q(grpcAddr));
    },
  };
}

/**
 * joinCommand is the one line that installs and enrolls a worker: it fetches
 * install.sh from the master and passes the token (kept out of `ps`: it is
 * in the environment, then in a 0600 file) and the artifact's SHA-256. Without
 * the token (shown again later) the command is still valid shell and asks
 * for it.
 */
export function joinCommand(opts: { url: string; token?: string; sha256?: string; exeSha256?: string }): string {
  const token = opts.token ? `'${opts.token}'` : `"\${FLOTILLA_JOIN_TOKEN:?set FLOTILLA_JOIN_TOKEN to the token shown once at creation}"`;
  const sha = opts.sha256 ? ` FLOTILLA_WORKER_SHA256=${opts.sha256}` : "";
  const exe = opts.exeSha256 ? ` FLOTILLA_WORKER_EXE_SHA256=${opts.exeSha256}` : "";
  return `curl -fsSL '${opts.url.replace(/'/g, "")}/install.sh' | FLOTILLA_JOIN_TOKEN=${token}${sha}${exe} sh`;
}

/** baseUrl is the scheme://host[:port] a client used to reach the master (Koa context). */
export function baseUrl(req: { protocol: string; host: string }): string {
  return `${req.protocol}://${req.host}`;
}
