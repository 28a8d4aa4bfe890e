import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fetchMetrics, listSpool, promValue } from "../e2e/metrics-harness.js";
import { fillFileSystem } from "../helpers/disk.js";
import { startMaster, startWorker, waitFor, type MasterProc, type Proc } from "../helpers/processes.js";

const ARGS = ["--metrics-interval", "1s", "--docker-socket", "/nonexistent/docker.sock"];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Worker = Proc & { stateDir: string };

/** metricsText scrapes the master's /metrics. */
async function metricsText(m: MasterProc): Promise<string> {
  return (await fetch(`${m.http}/metrics`)).text();
}

async function enroll(m: MasterProc, stateDir?: string): Promise<{ w: Worker; nodeId: string }> {
  const tok = await m.api.post<{ token: string }>("/enrollment-tokens", { max_uses: 1 });
  const w = startWorker(m, { token: tok.token, args: ARGS, stateDir });
  const rec = await w.waitForLog((r) => r.msg === "connected to master", 20_000);
  return { w, nodeId: rec.node_id as string };
}

describe("worker faults (real master and worker processes)", function () {
  this.timeout(180_000);
  let master: MasterProc;
  const procs: Proc[] = [];
  const cleanups: Array<() => void> = [];

  beforeEach(async () => {
    master = await startMaster({ args: ["--node-cert-ttl", "60s"] });
  });
  afterEach(async () => {
    for (const p of procs.splice(0)) {
      p.child.kill("SIGCONT");
      await p.kill("SIGKILL");
    }
    master.child.kill("SIGCONT");
    await master.cleanup();
    for (const c of cleanups.splice(0)) c();
  });

  it("skips a truncated spool batch, counts it and delivers the rest", async () => {
    const { w, nodeId } = await enroll(master);
    procs.push(w);
    const spoolDir = join(w.stateDir, "spool");
    // The master stops answering: batches pile up in the spool.
    master.child.kill("SIGSTOP");
    await waitFor(async () => listSpool(spoolDir).filter((f) => f.batch).length >= 4, 20_000, "4 batches spooled");
    await w.kill("SIGKILL");
    const files = listSpool(spoolDir)
      .filter((f) => f.batch)
      .sort((a, b) => a.name.localeCompare(b.name));
    const victim = join(spoolDir, files[1]!.name);
    truncateSync(victim, Math.floor(files[1]!.bytes / 2));
    const later = files.slice(2).map((f) => Number(f.name.split("-")[1]));
    master.child.kill("SIGCONT");

    const again = startWorker(master, { stateDir: w.stateDir, args: ARGS });
    procs.push(again);
    const warn = await again.waitForLog((r) => r.msg === "corrupt spool batch skipped", 20_000);
    assert.equal(warn.file, victim, "the warning names the file");
    // The batches after the corrupt one arrive: their rounds are in the master's series.
    const view = await waitFor(
      async () => {
        const v = await fetchMetrics(master, nodeId, "cpu.*");
        const ts = new Set(v.series.flatMap((s) => s.points.map((p) => p[0])));
        return later.every((t) => [...ts].some((x) => Math.abs(x - t) < 1000)) && v.latest_ts && Date.parse(v.latest_ts) > Date.now() - 3000
          ? v
          : null;
      },
      20_000,
      "the later batches and fresh samples at the master",
    );
    assert.ok(view.series.length > 0);
    const text = await waitFor(
      async () => {
        const t = await metricsText(master);
        return promValue(t, "flotilla_worker_spool_corrupt_batches", { node_id: nodeId }) === 1 ? t : null;
      },
      10_000,
      "corrupt batch gauge = 1",
    );
    assert.equal(promValue(text, "flotilla_worker_spool_dropped_samples", { node_id: nodeId }), files[1]!.samples, "its samples count as dropped");
    assert.ok(!again.lines.some((l) => l.includes("connection to master lost")), "the worker never reconnected over the corrupt batch");
  });

  it("counts and reports every sample it cannot keep when the state dir is full", async function () {
    const mnt = mkdtempSync(join(tmpdir(), "flotilla-full-"));
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", mnt]);
    cleanups.push(() => {
      execFileSync("umount", ["-l", mnt]);
      rmSync(mnt, { recursive: true, force: true });
    });
    const stateDir = join(mnt, "state");
    mkdirSync(stateDir);
    const { w, nodeId } = await enroll(master, stateDir);
    procs.push(w);
    await waitFor(
      async () => promValue(await metricsText(master), "flotilla_worker_spool_dropped_samples", { node_id: nodeId }) === 0,
      10_000,
      "first batch",
    );
    // Fill the file system to the last block.
    const filler = join(mnt, "filler");
    fillFileSystem(filler);
    const since = w.lines.length;
    const dropLines = () => w.lines.slice(since).filter((l) => l.includes("batch dropped"));
    // At least three intervals with the disk full; polled, since a busy host may run late.
    await waitFor(async () => (dropLines().length >= 3 ? true : null), 30_000, "three dropped batches").catch(() => {});
    const drops = dropLines().map((l) => JSON.parse(l) as { samples: number; dropped_total: number; code: string });
    assert.ok(drops.length >= 3, `the worker warned about dropped batches (${drops.length})`);
    assert.equal(drops[0]!.code, "ENOSPC");
    const total = drops.at(-1)!.dropped_total;
    assert.equal(
      total,
      drops.reduce((n, d) => n + d.samples, 0),
      "every lost sample counted",
    );
    // The count reaches the master while nothing else can be spooled.
    await waitFor(
      async () => (promValue(await metricsText(master), "flotilla_worker_spool_dropped_samples", { node_id: nodeId }) ?? 0) >= total,
      15_000,
      `master reports >= ${total} dropped`,
    );
    unlinkSync(filler);
    const t = Date.now();
    await waitFor(
      async () => {
        const v = await fetchMetrics(master, nodeId, "cpu.*");
        return v.latest_ts && Date.parse(v.latest_ts) > t;
      },
      10_000,
      "samples flow again once there is room",
    );
  });

  it("stops with a clear message when node.key is truncated", async () => {
    const { w } = await enroll(master);
    assert.equal(await w.kill("SIGTERM"), 0);
    const key = join(w.stateDir, "node.key");
    truncateSync(key, Math.floor(readFileSync(key).length / 2));
    const again = startWorker(master, { stateDir: w.stateDir, args: ARGS });
    procs.push(again);
    const code = await Promise.race([again.exited, sleep(10_000).then(() => "still running")]);
    assert.equal(code, 1, "the worker stops instead of retrying");
    const fatal = (await again.waitForLog((r) => r.level === "fatal" || r.level === 60, 1000)).msg as string;
    assert.match(fatal, /broken identity: node\.key is not a readable private key/);
  });

  it("says the certificate expired while the master was away, and what to do", async () => {
    const { w, nodeId } = await enroll(master);
    procs.push(w);
    await master.kill("SIGKILL");
    // The 60 s certificate runs out while the worker dials a master that is gone.
    await sleep(62_000);
    master = await master.restart();
    const code = await Promise.race([w.exited, sleep(30_000).then(() => "still running")]);
    assert.equal(code, 3, "identity rejected: exit 3");
    const line = (await w.waitForLog((r) => r.level === "fatal" || r.level === 60, 1000)).msg as string;
    assert.match(line, /node certificate expired at \d{4}-/);
    assert.match(line, new RegExp(`remove .*node\\.json and start the worker with a new join token.*delete the old node ${nodeId}`));
    assert.doesNotMatch(line, /revoked/);
  });
});
