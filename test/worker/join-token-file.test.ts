import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { startMaster, waitFor, WORKER_MAIN, type MasterProc } from "../helpers/processes.js";

interface Started {
  pid: number;
  lines: string[];
  exited: Promise<unknown>;
  stop(): Promise<void>;
}

/** startWorkerWith spawns a real worker; `stdin` is written to its standard input and closed. */
function startWorkerWith(args: string[], env: NodeJS.ProcessEnv, stdin?: string): Started {
  const child = spawn(process.execPath, [WORKER_MAIN, ...args], {
    env: { PATH: process.env.PATH, FLOTILLA_LOG_LEVEL: "info", ...env },
    stdio: [stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  });
  if (stdin !== undefined) child.stdin!.end(stdin);
  const lines: string[] = [];
  for (const s of [child.stdout!, child.stderr!]) createInterface({ input: s }).on("line", (l) => lines.push(l));
  const exited = new Promise((ok) => child.once("exit", ok));
  return {
    pid: child.pid!,
    lines,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

describe("worker: join token from a file or standard input", function () {
  this.timeout(120_000);
  let m: MasterProc;
  const dirs: string[] = [];
  const workers: Started[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), "flotilla-jtf-"));
    dirs.push(d);
    return d;
  };
  before(async () => {
    m = await startMaster();
  });
  after(async () => {
    for (const w of workers) await w.stop();
    await m?.cleanup();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /** enrolled waits until a node with the label via=<via> is online. */
  const enrolled = (via: string) =>
    waitFor(
      async () =>
        (await m.api.get<{ items: { status: string; labels: Record<string, string> }[] }>("/nodes?limit=500")).items.find(
          (n) => n.labels.via === via && n.status === "online",
        ),
      60_000,
      `the worker enrolled with the token ${via}`,
    );

  /** exposes tells whether the token's secret is in the worker's command line or environment (what ps and /proc show). */
  const exposes = (pid: number, token: string) => {
    const secret = token.split(".")[2]!;
    return ["cmdline", "environ"].some((f) => readFileSync(`/proc/${pid}/${f}`, "utf8").includes(secret));
  };

  it("enrolls with --join-token-file - (standard input), the token in no argument or environment", async () => {
    const tok = await m.api.post<{ token: string }>("/enrollment-tokens", { name: "stdin", labels: { via: "stdin" } });
    const w = startWorkerWith(["--master", m.grpc, "--state-dir", dir(), "--join-token-file", "-"], {}, `${tok.token}\n`);
    workers.push(w);
    await enrolled("stdin");
    assert.equal(exposes(w.pid, tok.token), false);
  });

  it("enrolls with FLOTILLA_JOIN_TOKEN_FILE pointing at a 0600 file", async () => {
    const tok = await m.api.post<{ token: string }>("/enrollment-tokens", { name: "file", labels: { via: "file" } });
    const d = dir();
    const file = join(d, "join-token");
    writeFileSync(file, `${tok.token}\n`, { mode: 0o600 });
    const w = startWorkerWith(["--master", m.grpc, "--state-dir", join(d, "state")], { FLOTILLA_JOIN_TOKEN_FILE: file });
    workers.push(w);
    await enrolled("file");
    assert.equal(exposes(w.pid, tok.token), false);
  });

  it("stops at start with one line naming the setting for an unreadable file or a malformed token", async () => {
    const missing = startWorkerWith(["--master", m.grpc, "--state-dir", dir(), "--join-token-file", "/nonexistent/token"], {});
    assert.equal(await missing.exited, 2);
    assert.ok(
      missing.lines.some((l) => /--join-token-file: cannot read \/nonexistent\/token: ENOENT/.test(l)),
      missing.lines.join("\n"),
    );
    const bad = startWorkerWith(["--master", m.grpc, "--state-dir", dir(), "--join-token-file", "-"], {}, "not a token\n");
    assert.equal(await bad.exited, 2);
    assert.ok(
      bad.lines.some((l) => /--join-token-file: standard input: malformed join token/.test(l)),
      bad.lines.join("\n"),
    );
  });
});
