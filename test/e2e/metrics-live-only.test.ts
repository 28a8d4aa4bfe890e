import { strict as assert } from "node:assert";
import { pino } from "pino";
import { openDb } from "../../master/src/db/client.js";
import { openFeed, type Feed } from "../helpers/feed.js";
import { startMaster, startWorker, waitFor, type MasterProc, type Proc } from "../helpers/processes.js";

const MINUTE_MS = 60_000;

/**
 * node.metrics is live only, end to end: a real worker reports metrics every
 * second to a real master for a minute; a WebSocket subscriber receives them,
 * and the event table of the master's database holds no node.metrics row
 * while durable events written in the same minute are there.
 */
describe("node.metrics over a minute: fanned out live, never stored (real master and worker)", function () {
  this.timeout(180_000);
  let master: MasterProc;
  let worker: Proc | undefined;
  let feed: Feed | undefined;

  before(async () => {
    master = await startMaster();
  });
  after(async () => {
    feed?.close();
    await worker?.kill("SIGKILL");
    await master.cleanup();
  });

  it("delivers a minute of node.metrics to a subscriber and writes none to the event table", async () => {
    const tok = await master.api.post<{ token: string }>("/enrollment-tokens", { name: "live-only", max_uses: 1 });
    feed = await openFeed(master.http, master.api.token);
    worker = startWorker(master, { token: tok.token, args: ["--metrics-interval", "1s"] });
    const rec = await worker.waitForLog((r) => r.msg === "connected to master" && typeof r.node_id === "string", 30_000);
    const nodeId = rec.node_id as string;
    await feed.waitFor((e) => e.type === "node.metrics" && e.node_id === nodeId, 30_000, "the first node.metrics");
    const started = Date.now();
    await new Promise((r) => setTimeout(r, MINUTE_MS));
    // A durable event at the end of the minute: once it is stored, every earlier event was flushed too.
    await master.api.call("PATCH", `/nodes/${nodeId}`, { name: "live-only-renamed" });
    await waitFor(
      async () => (await master.api.get<{ items: unknown[] }>(`/events?type=node.updated&node_id=${nodeId}`)).items.length > 0,
      20_000,
      "the stored node.updated",
    );
    const received = feed.events.filter((e) => e.type === "node.metrics" && e.node_id === nodeId).length;
    const seconds = (Date.now() - started) / 1000;
    // One snapshot a second; a loaded machine may delay some, none may be lost in a minute.
    assert.ok(received >= 30, `a subscriber received ${received} node.metrics events in ${seconds.toFixed(0)} s`);

    const { db, close } = await openDb(master.dbUrl, pino({ level: "silent" }));
    try {
      assert.equal(await db.event.count({ where: { type: "node.metrics" } }), 0, "node.metrics rows in the event table");
      assert.ok((await db.event.count({ where: { nodeId } })) >= 2, "the node's durable events (enrolled, online, updated) are stored");
    } finally {
      await close();
    }
    assert.deepEqual((await master.api.get<{ items: unknown[] }>("/events?type=node.metrics")).items, [], "GET /events lists no node.metrics");
  });
});
