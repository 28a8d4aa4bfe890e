import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import WebSocket from "ws";
import { createEventRoutes } from "../../../master/src/http/routes/events.js";
import { attachWebSocket, type AttachedWebSocket } from "../../../master/src/http/ws.js";
import { ADMIN, createTestContext, invoke, VIEWER, type TestContext } from "./helpers.js";

const OPERATOR = { ...VIEWER, userId: "u_op", username: "op", role: "operator" as const };

/** feedTypes opens the feed as the principal behind `token` and collects event types until `stop` arrives. */
async function feedTypes(base: string, token: string, query: string, publish: () => void): Promise<string[]> {
  const ws = new WebSocket(`${base}${query}`, { headers: { authorization: `Bearer ${token}` } });
  const seen: string[] = [];
  const done = new Promise<void>((ok) =>
    ws.on("message", (raw) => {
      const e = JSON.parse(raw.toString());
      seen.push(e.type);
      if (e.type === "scan.completed" && e.data.stop) ok();
    }),
  );
  await new Promise<void>((ok, fail) => (ws.once("open", () => ok()), ws.once("error", fail)));
  publish();
  await Promise.race([done, new Promise((_, fail) => setTimeout(() => fail(new Error(`no stop event; saw ${seen.join(",")}`)), 10_000))]);
  ws.terminate();
  return seen;
}

describe("event types have a minimum role: enrollment rejections are admin-only", () => {
  let t: TestContext;
  let server: Server;
  let feed: AttachedWebSocket;
  let base: string;

  beforeEach(async () => {
    t = await createTestContext();
    server = createServer((_req, res) => res.writeHead(404).end());
    const who: Record<string, typeof VIEWER> = { "Bearer viewer": VIEWER, "Bearer operator": OPERATOR, "Bearer admin": ADMIN };
    feed = attachWebSocket(server, t.ctx, { authenticate: (req: IncomingMessage) => who[req.headers.authorization ?? ""] ?? null, bus: t.ctx.bus });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/ws`;
  });
  afterEach(async () => {
    await feed.close();
    await new Promise((ok) => server.close(ok));
    await t.close();
  });

  const publishBoth = () => {
    t.ctx.bus.publish("enrollment.rejected", { reason: "bad_secret", source: "10.1.2.3", token_id: "jt_1", hostname: "victim" });
    t.ctx.bus.publish("node.online", {}, "n1");
    t.ctx.bus.publish("scan.completed", { stop: true });
  };

  it("GET /events leaves them out below admin, also when asked for by type", async () => {
    publishBoth();
    const types = async (principal: typeof VIEWER, query: Record<string, string> = {}) => {
      const r = await invoke(createEventRoutes(t.ctx), "GET", "/events", { query, principal });
      assert.equal(r.status, 200);
      return r.body.items.map((e: any) => e.type);
    };
    assert.deepEqual(await types(VIEWER), ["scan.completed", "node.online"]);
    assert.deepEqual(await types(OPERATOR), ["scan.completed", "node.online"]);
    assert.deepEqual(await types(VIEWER, { type: "enrollment.*" }), []);
    assert.deepEqual(await types(ADMIN), ["scan.completed", "node.online", "enrollment.rejected"]);
  });

  it("the live feed never sends them below admin", async () => {
    assert.deepEqual(await feedTypes(base, "viewer", "", publishBoth), ["node.online", "scan.completed"]);
    assert.deepEqual(await feedTypes(base, "admin", "", publishBoth), ["enrollment.rejected", "node.online", "scan.completed"]);
  });

  it("?since= replay skips them below admin", async () => {
    const first = t.ctx.bus.publish("node.offline", {}, "n1");
    publishBoth();
    await t.ctx.bus.flush();
    const replayed = await feedTypes(base, "viewer", `?since=${first.id}`, () => undefined);
    assert.deepEqual(replayed, ["node.online", "scan.completed"]);
    const admin = await feedTypes(base, "admin", `?since=${first.id}`, () => undefined);
    assert.deepEqual(admin, ["enrollment.rejected", "node.online", "scan.completed"]);
  });
});
