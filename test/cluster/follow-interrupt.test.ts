import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { removeContainers, requireDocker, runContainer, waitForContainer } from "../containers/harness.js";
import { postgresDatabase } from "../helpers/database.js";
import { startWorker, waitFor, type MasterProc, type Proc } from "../helpers/processes.js";
import { follow, startNats, startReplica, type NatsServer } from "./harness.js";

type Follow = Awaited<ReturnType<typeof follow>>;
type Closed = Awaited<Follow["closed"]>;

/** closedWithin resolves with how the socket closed, or null when it is still open after `ms`. */
const closedWithin = (f: Follow, ms: number) => Promise.race([f.closed, new Promise<null>((ok) => setTimeout(() => ok(null), ms))]);

/** assertInterrupted checks the close a client is told to answer by reopening: 1013, "interrupted: ...", soon after the cut. */
function assertInterrupted(c: Closed | null, reason: string, since: number, withinMs: number): void {
  assert.ok(c, "the follow was closed");
  assert.equal(c.code, 1013, `closed with ${c.code} "${c.reason}"`);
  assert.match(c.reason, /^interrupted: /);
  assert.equal(c.reason, reason);
  assert.ok(c.at - since < withinMs, `closed ${c.at - since} ms after the cut`);
  process.stdout.write(`      closed ${c.at - since} ms after the cut\n`);
}

describe("replicas: a log follow relayed across replicas is closed 1013 'interrupted' when the relay is cut (PostgreSQL + own NATS + Docker)", function () {
  this.timeout(180_000);
  let db: Awaited<ReturnType<typeof postgresDatabase>>;
  let nats: NatsServer | undefined;
  let a: MasterProc;
  let b: MasterProc;
  let w: (Proc & { stateDir: string }) | undefined;
  let nodeId: string;
  const opened: Follow[] = [];

  /** followOnB opens a follow of a container through B, the replica not holding the worker. */
  const followOnB = async (id: string) => {
    const f = await follow(`${b.http.replace(/^http/, "ws")}/api/v1/nodes/${nodeId}/containers/${id}/logs/ws?tail=1`, {
      authorization: `Bearer ${b.api.token}`,
    });
    opened.push(f);
    return f;
  };
  /** streamingOnB opens follows through B, as a client told "try again later" does, until one streams `n` lines. */
  const streamingOnB = (id: string, n: number) =>
    waitFor(
      async () => {
        const g = await followOnB(id).catch(() => null);
        if (!g) return null;
        const streams = waitFor(async () => g.lines.length >= n, 5_000, "lines").then(
          () => true,
          () => false,
        );
        if (await Promise.race([streams, g.closed.then(() => false)])) return g;
        g.ws.terminate();
        return null;
      },
      20_000,
      "a follow streaming through B",
      500,
    );

  before(async function () {
    requireDocker(this);
    db = await postgresDatabase();
    nats = await startNats();
    a = await startReplica(db.url, [], nats.url);
    b = await startReplica(db.url, [], nats.url);
    const tok = await a.api.post<{ token: string }>("/enrollment-tokens", { name: "follow" });
    // The worker dials A only: B reaches it through A.
    w = startWorker(a, { token: tok.token, args: ["--docker-socket", "/var/run/docker.sock", "--metrics-interval", "1s"] });
    nodeId = (await w.waitForLog((r) => typeof r.node_id === "string", 30_000)).node_id as string;
    await waitFor(async () => (await b.api.get<{ status: string }>(`/nodes/${nodeId}`)).status === "online", 30_000, "node online on B");
  });
  after(async () => {
    for (const f of opened) f.ws.terminate();
    await w?.kill("SIGKILL");
    for (const m of [a, b]) if (m) await m.kill("SIGKILL");
    for (const m of [a, b]) if (m) rmSync(m.dataDir, { recursive: true, force: true });
    await nats?.stop();
    try {
      removeContainers();
    } catch {}
    await db?.cleanup();
  });

  it("NATS restarted: the follow on B closes 1013 within 2 s; reopened once NATS is back, lines arrive again", async () => {
    const id = runContainer("i=0; while true; do i=$((i+1)); echo tick$i; sleep 0.2; done");
    await waitForContainer(b, nodeId, id, "running");
    const f = await followOnB(id);
    await waitFor(async () => f.lines.length >= 3, 10_000, "lines relayed to B");

    const cut = Date.now();
    await nats!.stop("SIGKILL");
    assertInterrupted(await closedWithin(f, 10_000), "interrupted: relay to the node's replica was lost; reopen the follow", cut, 2_000);
    const rec = await b.api.get<{ items: Array<{ status: string; error_code: string | null; params: { follow?: boolean } }> }>(
      `/commands?node_id=${nodeId}&kind=container_logs&limit=1`,
    );
    assert.equal(rec.items[0]?.status, "failed", "the follow's record ends, not left running");
    assert.equal(rec.items[0]?.error_code, "unavailable");

    await nats!.start();
    await waitFor(async () => [a, b].every((m) => m.lines.some((l) => l.includes("NATS connection back"))), 30_000, "both replicas reconnect");
    const again = await streamingOnB(id, 3);
    const last = Number(/tick(\d+)/.exec(f.lines.at(-1)!.text)![1]);
    assert.ok(
      again.lines.some((l) => Number(/tick(\d+)/.exec(l.text)?.[1]) > last),
      "the reopened follow carries lines printed after the cut",
    );
    again.ws.close();
    await again.closed;
  });

  it("the worker's session on A ends: the follow on B closes 1013 'interrupted' at once; reopened when the worker is back, it streams", async () => {
    const id = runContainer("while true; do echo tock; sleep 0.2; done");
    await waitForContainer(b, nodeId, id, "running");
    const f = await streamingOnB(id, 2);
    const cut = Date.now();
    const stateDir = w!.stateDir;
    await w!.kill("SIGKILL");
    assertInterrupted(await closedWithin(f, 10_000), "interrupted: the node's session ended; reopen the follow", cut, 2_000);
    w = startWorker(a, { stateDir, args: ["--docker-socket", "/var/run/docker.sock", "--metrics-interval", "1s"] });
    const again = await streamingOnB(id, 2);
    again.ws.close();
    await again.closed;
  });

  it("A stops answering (frozen): the follow on B closes 1013 'interrupted' once A has been silent for a few seconds", async () => {
    const id = runContainer("while true; do echo tack; sleep 0.2; done");
    await waitForContainer(b, nodeId, id, "running");
    const f = await streamingOnB(id, 2);
    const cut = Date.now();
    a.child.kill("SIGSTOP");
    try {
      // A frozen replica keeps its NATS connection: only its silence tells.
      assertInterrupted(await closedWithin(f, 15_000), "interrupted: relay to the node's replica was lost; reopen the follow", cut, 6_000);
    } finally {
      a.child.kill("SIGCONT");
    }
    const again = await streamingOnB(id, 2);
    again.ws.close();
    await again.closed;
  });
});
