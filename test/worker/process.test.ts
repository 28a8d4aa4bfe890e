import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { startStubMaster, type StubMaster } from "./stub-master.js";

const WORKER_MAIN = new URL("../../worker/dist/main.js", import.meta.url).pathname;

function start(args: string[]) {
  const child = spawn(process.execPath, [WORKER_MAIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  for (const s of [child.stdout!, child.stderr!]) createInterface({ input: s }).on("line", (l) => lines.push(l));
  const exited = new Promise<number | null>((ok) => child.once("exit", (code) => ok(code)));
  return { child, lines, exited };
}

async function until(pred: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("worker process", () => {
  let stub: StubMaster;
  let dir: string;
  const children: Array<ReturnType<typeof start>> = [];
  beforeEach(async () => {
    stub = await startStubMaster();
    dir = await mkdtemp(join(tmpdir(), "flotilla-proc-"));
  });
  afterEach(async () => {
    for (const c of children.splice(0)) if (c.child.exitCode === null) c.child.kill("SIGKILL");
    await stub.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("enrolls, connects, and on SIGTERM says goodbye and exits 0 quickly", async () => {
    const w = start([
      "--master",
      `127.0.0.1:${stub.port}`,
      "--join-token",
      stub.token,
      "--state-dir",
      dir,
      "--metrics-interval",
      "200ms",
      "--docker-socket",
      join(dir, "no-docker.sock"),
    ]);
    children.push(w);
    await until(() => w.lines.some((l) => l.includes("connected to master")));
    const t0 = Date.now();
    w.child.kill("SIGTERM");
    assert.equal(await w.exited, 0);
    assert.ok(Date.now() - t0 < 10_000);
    assert.equal(stub.goodbyes.length, 1);
  });

  it("exits 0 on SIGTERM while the master is unreachable", async () => {
    await stub.close();
    const w = start(["--master", `127.0.0.1:${stub.port}`, "--join-token", stub.token, "--state-dir", dir]);
    children.push(w);
    await until(() => w.lines.some((l) => l.includes("enrollment failed, retrying")));
    w.child.kill("SIGTERM");
    assert.equal(await w.exited, 0);
  });

  it("exits non-zero with the pin mismatch message", async () => {
    const bad = stub.token.replace(/\.[0-9a-f]{64}$/, `.${"f".repeat(64)}`);
    const w = start(["--master", `127.0.0.1:${stub.port}`, "--join-token", bad, "--state-dir", dir]);
    children.push(w);
    assert.equal(await w.exited, 1);
    const hits = w.lines.filter((l) => l.includes("master certificate does not match the join token's CA hash"));
    assert.equal(hits.length, 1, "the fatal error is reported once");
    assert.equal((JSON.parse(hits[0]!) as { level: string }).level, "fatal", "as a JSON log line");
  });
});
