import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseJoinToken } from "@flotilla/shared";
import WebSocket from "ws";
import { attachWebSocket, type AttachedWebSocket } from "../../../master/src/http/ws.js";
import { bearer, createUserWithKey, isEnvelope, setupAdmin, startTestServer, type TestServer } from "../helpers.js";
import { createRecordingNodeControl, insertNode } from "./helpers.js";

describe("fleet resources through the HTTP app", () => {
  let s: TestServer;
  let admin: string;
  let viewerKey: string;
  let operatorKey: string;
  let rec: ReturnType<typeof createRecordingNodeControl>;

  before(async () => {
    rec = createRecordingNodeControl();
    s = await startTestServer({ nodeControl: rec.control, grpcAdvertiseAddr: "127.0.0.1:50051" });
    admin = (await setupAdmin(s)).access_token;
    viewerKey = (await createUserWithKey(s, admin, "viewer")).key;
    operatorKey = (await createUserWithKey(s, admin, "operator")).key;
  });
  after(() => s.close());

  it("lets only admins manage join tokens and returns the token once with a join command", async () => {
    const c = await s.call("POST", "/api/v1/enrollment-tokens", { json: { name: "edge", labels: { site: "lab" } }, headers: bearer(admin) });
    assert.equal(c.status, 201, c.text);
    assert.equal(parseJoinToken(c.body.token)?.id, c.body.id);
    assert.match(c.body.join_command, /\/install\.sh' \| FLOTILLA_JOIN_TOKEN='flt1\./);
    const script = await s.call("GET", "/install.sh", {});
    assert.equal(script.status, 200);
    assert.match(script.text, /FLOTILLA_MASTER=\$\{FLOTILLA_MASTER:-'127\.0\.0\.1:50051'\}/, "install.sh dials the advertised gRPC address");
    assert.equal((await s.call("POST", "/api/v1/enrollment-tokens", { json: {}, headers: bearer(operatorKey) })).status, 403);
    assert.equal((await s.call("GET", "/api/v1/enrollment-tokens", {})).status, 401);
    const bad = await s.call("POST", "/api/v1/enrollment-tokens", { json: { ttl_seconds: 5 }, headers: bearer(admin) });
    assert.equal(bad.status, 400);
    assert.ok(isEnvelope(bad.body));
    assert.equal(bad.body.code, "invalid_argument");
    assert.ok(bad.body.details.some((d: any) => d.field === "ttl_seconds"));
    const del = await s.call("DELETE", `/api/v1/enrollment-tokens/${c.body.id}`, { headers: bearer(admin) });
    assert.equal(del.body.status, "revoked");
    assert.equal((await s.call("DELETE", "/api/v1/enrollment-tokens/unknown", { headers: bearer(admin) })).status, 404);
    const attempts = await s.call("GET", "/api/v1/enrollment-attempts?outcome=ok", { headers: bearer(admin) });
    assert.deepEqual(attempts.body, { items: [], page: { limit: 50, next_cursor: null, has_more: false } });
  });

  it("serves nodes to viewers, label changes to operators and deletion to admins", async () => {
    const id = await insertNode(s.ctx, { name: "edge-1", status: "online", labels: { site: "lab" } });
    const list = await s.call("GET", "/api/v1/nodes?labels=site=lab&status=online", { headers: { "x-api-key": viewerKey } });
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(
      list.body.items.map((n: any) => n.id),
      [id],
    );
    assert.equal((await s.call("PATCH", `/api/v1/nodes/${id}`, { json: { labels: { a: "b" } }, headers: bearer(viewerKey) })).status, 403);
    const bad = await s.call("PATCH", `/api/v1/nodes/${id}`, { json: { labels: { "no spaces": "x" } }, headers: bearer(operatorKey) });
    assert.equal(bad.status, 400);
    assert.ok(isEnvelope(bad.body));
    assert.deepEqual(bad.body.details, [{ field: "labels.no spaces", message: 'label key "no spaces" is invalid' }]);
    const ok = await s.call("PATCH", `/api/v1/nodes/${id}`, { json: { labels: { site: "dc2" } }, headers: bearer(operatorKey) });
    assert.deepEqual(ok.body.labels, { site: "dc2" });
    const status = await s.call("GET", "/api/v1/fleet/status", { headers: bearer(viewerKey) });
    assert.equal(status.body.online, 1);
    assert.equal((await s.call("DELETE", `/api/v1/nodes/${id}`, { headers: bearer(operatorKey) })).status, 403);
    assert.equal((await s.call("DELETE", `/api/v1/nodes/${id}`, { headers: bearer(admin) })).status, 200);
    assert.deepEqual(
      rec.deleted.map((d) => d.nodeId),
      [id],
    );
    assert.equal((await s.call("GET", `/api/v1/nodes/${id}`, { headers: bearer(viewerKey) })).status, 404);
  });

  it("serves the CA publicly as PEM and events to viewers", async () => {
    const ca = await s.call("GET", "/api/v1/pki/ca.pem");
    assert.equal(ca.status, 200);
    assert.match(ca.headers.get("content-type") ?? "", /^application\/x-pem-file/);
    assert.match(ca.text, /^-----BEGIN CERTIFICATE-----/);
    const types = await s.call("GET", "/api/v1/events/types", { headers: bearer(viewerKey) });
    assert.ok(types.body.items.length > 10);
    const ev = await s.call("GET", "/api/v1/events?type=node.updated", { headers: bearer(viewerKey) });
    assert.equal(ev.status, 200);
    assert.ok(ev.body.items.every((e: any) => e.type === "node.updated"));
    assert.equal((await s.call("GET", "/api/v1/events?since=%%%", { headers: bearer(viewerKey) })).status, 400);
  });

  it("answers malformed input with a 4xx envelope, never a 5xx", async () => {
    const cases: [string, string, unknown?][] = [
      ["GET", "/api/v1/nodes?limit=abc"],
      ["GET", "/api/v1/nodes?cursor=%00%01"],
      ["GET", "/api/v1/nodes?labels=%3D%3D%3D"],
      ["GET", `/api/v1/nodes?q=${"x".repeat(5000)}`],
      ["GET", "/api/v1/nodes?status=online&status=offline"],
      ["PATCH", "/api/v1/nodes/x", { name: 42 }],
      ["PATCH", "/api/v1/nodes/x", ["not", "an", "object"]],
      ["POST", "/api/v1/enrollment-tokens", { max_uses: 1.5 }],
      ["POST", "/api/v1/enrollment-tokens", { labels: { k: 1 } }],
      ["GET", "/api/v1/enrollment-attempts?cursor=WyJ4Il0"],
      ["GET", "/api/v1/events?type=node.*,%2A%2A"],
      ["GET", "/api/v1/events?cursor=bm9wZSBub3BlIQ"],
      ["GET", "/api/v1/events?limit=0"],
    ];
    for (const [method, path, json] of cases) {
      const r = await s.call(method, path, { headers: bearer(admin), ...(json !== undefined ? { json } : {}) });
      assert.ok(r.status >= 400 && r.status < 500, `${method} ${path.slice(0, 60)} -> ${r.status} ${r.text.slice(0, 200)}`);
      assert.ok(isEnvelope(r.body), `${method} ${path.slice(0, 60)} envelope`);
    }
  });

  describe("WebSocket on the app's authentication", () => {
    let server: Server;
    let feed: AttachedWebSocket;
    let wsUrl: string;
    before(async () => {
      server = createServer(s.http.callback);
      feed = attachWebSocket(server, s.ctx, { authenticate: s.http.authenticate, bus: s.ctx.bus, tickets: s.http.core.wsTickets });
      await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
      wsUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/ws`;
    });
    after(async () => {
      await feed.close();
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
    });
    const open = (url: string, headers: Record<string, string> = {}) =>
      new Promise<WebSocket | number>((ok) => {
        const ws = new WebSocket(url, { headers });
        ws.once("open", () => ok(ws));
        ws.once("unexpected-response", (_q, res) => ok(res.statusCode ?? -1));
        ws.once("error", () => ok(-1));
      });

    it("authenticates with an API key, a JWT or a single-use ticket from POST /ws/tickets", async () => {
      assert.equal(await open(wsUrl), 401);
      for (const h of [{ "x-api-key": viewerKey }, bearer(admin)]) {
        const ws = await open(wsUrl, h);
        assert.ok(ws instanceof WebSocket);
        const got = new Promise<any>((ok) => ws.once("message", (m) => ok(JSON.parse(m.toString()))));
        const e = s.ctx.bus.publish("node.online", { via: Object.keys(h)[0] }, "n1");
        assert.equal((await got).id, e.id);
        ws.close();
      }
      const t = await s.call("POST", "/api/v1/ws/tickets", { headers: bearer(viewerKey) });
      assert.equal(t.status, 201, t.text);
      const ws = await open(`${wsUrl}?ticket=${t.body.ticket}`);
      assert.ok(ws instanceof WebSocket);
      ws.close();
      assert.equal(await open(`${wsUrl}?ticket=${t.body.ticket}`), 401);
      assert.equal((await s.call("POST", "/api/v1/ws/tickets")).status, 401);
    });
  });
});
