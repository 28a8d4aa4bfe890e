import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import WebSocket from "ws";
import type { FleetEvent } from "../../../master/src/events/types.js";
import type { Principal } from "../../../master/src/http/route.js";
import { attachWebSocket, createWsTicketRoutes, type AttachedWebSocket, type FeedOptions } from "../../../master/src/http/ws.js";
import { createWsTicketService } from "../../../master/src/services/ws-tickets.js";
import { createTestContext, invoke, VIEWER, type TestContext } from "./helpers.js";

const SESSION: Principal = { userId: "u1", username: "alice", role: "viewer", via: "session" };

/** Credentials accepted by the test server: bearer "good" and session cookie "sid=good". */
function authenticate(req: IncomingMessage): Principal | null {
  if (req.headers.authorization === "Bearer good") return VIEWER;
  if (req.headers.cookie === "sid=good") return SESSION;
  return null;
}

interface Client {
  ws: WebSocket;
  frames: any[];
  events: FleetEvent[];
  waitFor(pred: () => boolean, what: string, ms?: number): Promise<void>;
}

function client(ws: WebSocket): Client {
  const c: Client = {
    ws,
    frames: [],
    events: [],
    async waitFor(pred, what, ms = 10_000) {
      const end = Date.now() + ms;
      while (!pred()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
  ws.on("message", (raw) => {
    const m = JSON.parse(raw.toString());
    c.frames.push(m);
    if (m.id && m.type) c.events.push(m);
  });
  return c;
}

describe("WebSocket live feed", () => {
  let t: TestContext;
  let server: Server;
  let feed: AttachedWebSocket;
  let base: string;
  const tickets = createWsTicketService();
  const sockets: WebSocket[] = [];

  async function start(opts: Partial<FeedOptions> = {}) {
    server = createServer((_req, res) => res.writeHead(404).end());
    feed = attachWebSocket(server, t.ctx, { authenticate, bus: t.ctx.bus, tickets, feed: opts });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/ws`;
  }

  /** connect resolves with an open client or rejects with the HTTP status of a refused upgrade. */
  function connect(query = "", headers: Record<string, string> = { authorization: "Bearer good" }): Promise<Client> {
    const ws = new WebSocket(base + query, { headers });
    sockets.push(ws);
    const c = client(ws);
    return new Promise((ok, fail) => {
      ws.once("open", () => ok(c));
      ws.once("unexpected-response", (_req, res) => fail(Object.assign(new Error(`status ${res.statusCode}`), { status: res.statusCode })));
      ws.once("error", fail);
    });
  }
  const status = (p: Promise<unknown>) =>
    p.then(
      () => 101,
      (e: { status?: number }) => e.status ?? -1,
    );

  beforeEach(async () => {
    t = await createTestContext();
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.terminate();
    await feed.close();
    await new Promise((ok) => server.close(ok));
    await t.close();
  });

  it("refuses upgrades without valid credentials with 401 and accepts bearer and same-origin cookies", async () => {
    await start();
    assert.equal(await status(connect("", {})), 401);
    assert.equal(await status(connect("", { authorization: "Bearer bad" })), 401);
    assert.equal(await status(connect("", { authorization: "Bearer good" })), 101);
    assert.equal(await status(connect("", { cookie: "sid=good" })), 101);
    const host = new URL(base).host;
    assert.equal(await status(connect("", { cookie: "sid=good", origin: `http://${host}` })), 101);
    assert.equal(await status(connect("", { cookie: "sid=good", origin: "http://evil.example" })), 401);
    assert.equal(await status(connect("?since=bad%20id")), 400);
    const gauge = await t.ctx.metrics.websocketConnections.get();
    assert.equal(gauge.values[0]?.value, 3);
  });

  it("accepts a ticket from POST /ws/tickets exactly once", async () => {
    await start();
    const r = await invoke(createWsTicketRoutes(tickets), "POST", "/ws/tickets", { principal: VIEWER });
    assert.equal(r.status, 201);
    assert.ok(Date.parse(r.body.expires_at) - Date.now() <= 30_000);
    const q = `?ticket=${encodeURIComponent(r.body.ticket)}`;
    assert.equal(await status(connect(q, {})), 101);
    assert.equal(await status(connect(q, {})), 401, "a ticket is single use");
    assert.equal(await status(connect("?ticket=made-up", {})), 401);
    const short = createWsTicketService({ ttlMs: 1 });
    const expired = short.issue(VIEWER).ticket;
    await new Promise((ok) => setTimeout(ok, 5));
    assert.equal(short.redeem(expired), null, "expired tickets are refused");
  });

  it("applies a subscription and answers bad messages with an error frame without disconnecting", async () => {
    await start();
    const c = await connect();
    c.ws.send(JSON.stringify({ op: "subscribe", types: ["node.*", "scan.completed"], node_ids: ["n1"] }));
    c.ws.send(JSON.stringify({ op: "unsubscribe" }));
    await c.waitFor(() => c.frames.some((f) => f.op === "error"), "error frame");
    const err = c.frames.find((f) => f.op === "error");
    assert.equal(err.code, "invalid_argument");
    c.ws.send("not json");
    c.ws.send(JSON.stringify({ op: "subscribe", types: ["Bad Type"] }));
    await c.waitFor(() => c.frames.filter((f) => f.op === "error").length === 3, "three error frames");
    const bus = t.ctx.bus;
    bus.publish("node.online", {}, "n2");
    bus.publish("scan.queued", {}, "n1");
    bus.publish("node.offline", {}, "n1");
    bus.publish("scan.completed", {}, "n1");
    const last = bus.publish("node.updated", { name: "x" }, "n1");
    await c.waitFor(() => c.events.some((e) => e.id === last.id), "last event");
    assert.deepEqual(
      c.events.map((e) => e.type),
      ["node.offline", "scan.completed", "node.updated"],
    );
    assert.deepEqual(Object.keys(c.events[2]!).sort(), ["data", "id", "node_id", "ts", "type"]);
    assert.equal(c.ws.readyState, WebSocket.OPEN);
  });

  it("replays stored events after ?since= then goes live with no gap and no duplicate", async () => {
    await start({ replayPageSize: 100 });
    const bus = t.ctx.bus;
    const all: string[] = [];
    for (let i = 0; i < 450; i++) all.push(bus.publish("node.updated", { i }, `n${i % 5}`).id);
    const since = all[49]!;
    const pump = setInterval(() => {
      for (let k = 0; k < 5; k++) all.push(bus.publish("node.updated", { live: true }).id);
    }, 2);
    const c = await connect(`?since=${since}`);
    await new Promise((ok) => setTimeout(ok, 200));
    clearInterval(pump);
    const last = bus.publish("scan.completed", {});
    all.push(last.id);
    await c.waitFor(() => c.events.some((e) => e.id === last.id), "final live event");
    const got = c.events.map((e) => e.id);
    assert.deepEqual(got, all.slice(50), "every event after since exactly once, in order");
  });

  it("disconnects a consumer that cannot keep up, with a clear reason, holding bounded memory", async () => {
    const maxBufferedBytes = 256 * 1024;
    await start({ maxBufferedBytes });
    const slow = await connect();
    const fast = await connect();
    slow.ws.pause();
    const blob = "x".repeat(10_000);
    let peak = 0;
    for (let i = 0; i < 3000; i++) {
      t.ctx.bus.publish("node.metrics", { blob, i });
      peak = Math.max(peak, feed.bufferedBytes());
      // Publish in steps the fast client keeps up with (20 events stay under
      // its 256 KiB limit even if the kernel buffers nothing), so only the
      // paused client falls behind, however busy the machine is.
      if (i % 20 === 19) await fast.waitFor(() => fast.events.length === i + 1, "fast client keeps up");
    }
    assert.ok(peak < maxBufferedBytes * 2 + 100_000, `master held ${peak} bytes for the slow client`);
    const closed = new Promise<{ code: number; reason: string }>((ok) =>
      slow.ws.once("close", (code, reason) => ok({ code, reason: reason.toString() })),
    );
    slow.ws.resume();
    const { code, reason } = await closed;
    assert.equal(code, 1008);
    assert.equal(reason, "consumer too slow");
    assert.ok(slow.events.length < 3000, "the slow client was cut off");
    await fast.waitFor(() => fast.events.length === 3000, "fast client receives everything", 20_000);
    assert.equal(fast.ws.readyState, WebSocket.OPEN);
  });
});
