import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import WebSocket from "ws";
import { create } from "@bufbuild/protobuf";
import { PushRequestSchema } from "@flotilla/shared/gen/flotilla/v1/node_pb.js";
import type { FleetEvent } from "../../master/src/events/types.js";
import { attachWebSocket, type AttachedWebSocket } from "../../master/src/http/ws.js";
import { createTelemetry, type Telemetry } from "../../master/src/telemetry/index.js";
import { createTestContext, insertNode, VIEWER, type TestContext } from "../http/resources/helpers.js";

const INTERVAL_MS = 25;
const SNAPSHOTS = 60;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** openClient connects to the feed and records every event it receives. */
async function openClient(base: string, query = ""): Promise<{ ws: WebSocket; events: FleetEvent[] }> {
  const ws = new WebSocket(base + query, { headers: { authorization: "Bearer good" } });
  const events: FleetEvent[] = [];
  ws.on("message", (raw) => {
    const m = JSON.parse(raw.toString());
    if (m.id && m.type) events.push(m);
  });
  await new Promise<void>((ok, fail) => {
    ws.once("open", () => ok());
    ws.once("error", fail);
  });
  return { ws, events };
}

async function until(pred: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe("node.metrics is live only (real event bus and database)", function () {
  this.timeout(60_000);
  let t: TestContext;
  let server: Server;
  let feed: AttachedWebSocket;
  let telemetry: Telemetry;
  let base: string;
  const sockets: WebSocket[] = [];

  beforeEach(async () => {
    t = await createTestContext();
    telemetry = createTelemetry(t.ctx, { options: { nodeMetricsMinIntervalMs: 10, store: { minIntervalMs: 10, defaultIntervalMs: INTERVAL_MS } } });
    server = createServer((_req, res) => res.writeHead(404).end());
    feed = attachWebSocket(server, t.ctx, { authenticate: (req) => (req.headers.authorization === "Bearer good" ? VIEWER : null), bus: t.ctx.bus });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/ws`;
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.terminate();
    await feed.close();
    await new Promise((ok) => server.close(ok));
    await telemetry.close();
    await t.close();
  });

  it("fans a minute of node.metrics out to subscribers, stores none and replays none", async () => {
    const nodeId = await insertNode(t.ctx, { name: "alpha" });
    const live = await openClient(base);
    sockets.push(live.ws);
    const first = t.ctx.bus.publish("node.updated", { name: "alpha" }, nodeId);
    for (let i = 1n; i <= BigInt(SNAPSHOTS); i++) {
      const snapshot = {
        tsMs: BigInt(Date.now()),
        points: [
          { name: "cpu.usage_ratio", value: 0.5 },
          { name: "mem.total_bytes", value: 4000 },
        ],
      };
      await telemetry.ingest(
        nodeId,
        create(PushRequestSchema, {
          seq: i,
          payload: { case: "metrics", value: { snapshots: [snapshot], collectors: [], spoolDropped: 0n } as never },
        }),
      );
      await sleep(INTERVAL_MS);
    }
    const last = t.ctx.bus.publish("node.updated", { name: "alpha" }, nodeId);
    await until(() => live.events.some((e) => e.id === last.id), "the closing node.updated");
    const received = live.events.filter((e) => e.type === "node.metrics").length;
    assert.ok(received >= SNAPSHOTS / 2, `a subscriber received ${received} node.metrics events`);
    assert.equal(live.events.find((e) => e.type === "node.metrics")?.data.cpu_usage_ratio, 0.5);

    await t.ctx.bus.flush();
    assert.equal(await t.ctx.db.event.count({ where: { type: "node.metrics" } }), 0, "no node.metrics row in the event table");
    assert.equal(await t.ctx.db.event.count({ where: { type: "node.updated" } }), 2, "durable events are still stored");
    const stored = await t.ctx.bus.list({ limit: 500 });
    assert.deepEqual(
      stored.map((e) => e.type),
      ["node.updated", "node.updated"],
    );

    const replay = await openClient(base, `?since=${first.id}`);
    sockets.push(replay.ws);
    await until(() => replay.events.some((e) => e.id === last.id), "the replayed node.updated");
    assert.deepEqual(
      replay.events.map((e) => e.type),
      ["node.updated"],
      "?since= replays durable events only",
    );
  });
});
