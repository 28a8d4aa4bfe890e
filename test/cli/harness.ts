import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** CLI_MAIN is the built `flotilla` bin. */
export const CLI_MAIN = new URL("../../cli/dist/main.js", import.meta.url).pathname;

/** CliRun is a finished CLI invocation. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** runCli runs `flotilla args` with a fresh HOME and config dir and the given env. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): Promise<CliRun> {
  const home = mkdtempSync(join(tmpdir(), "flotilla-cli-home-"));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_MAIN, ...args], {
      env: { PATH: process.env.PATH!, HOME: home, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    const t = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`flotilla ${args.join(" ")} timed out:\n${stdout}${stderr}`));
    }, timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(t);
      resolve({ code, stdout, stderr });
    });
  });
}
