import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import WebSocket from "ws";
import { ApiClient } from "../helpers/processes.js";
import { removeContainers, requireDocker, runContainer, startFleet, waitForContainer } from "./harness.js";

/** Stream is an open WebSocket that records its messages and when it closed. */
interface Stream {
  ws: WebSocket;
  messages: number;
  closed: Promise<{ code: number; reason: string; at: number }>;
}

/** open connects a WebSocket and resolves once it is open, or rejects with the refused status. */
async function open(url: string, headers: Record<string, string> = {}): Promise<Stream> {
  const ws = new WebSocket(url, { headers });
  const s: Stream = {
    ws,
    messages: 0,
    closed: new Promise((ok) => ws.on("close", (code, reason) => ok({ code, reason: reason.toString(), at: Date.now() }))),
  };
  ws.on("message", () => void s.messages++);
  await new Promise<void>((ok, fail) => {
    ws.once("open", () => ok());
    ws.once("unexpected-response", (_req, res) => fail(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode })));
    ws.once("error", fail);
  });
  return s;
}

describe("revocation reaches live streams (real master, worker and Docker engine)", function () {
  this.timeout(120_000);
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let nodeId: string;
  let containerId: string;
  let wsBase: string;
  const sockets: WebSocket[] = [];

  before(async function () {
    requireDocker(this);
    fleet = await startFleet();
    nodeId = (await fleet.join()).nodeId;
    wsBase = fleet.master.http.replace(/^http/, "ws");
    containerId = runContainer("while true; do echo tick; sleep 0.2; done");
    await waitForContainer(fleet.master, nodeId, containerId);
  });
  after(async () => {
    for (const s of sockets) s.terminate();
    await fleet?.cleanup();
    try {
      removeContainers();
    } catch {}
  });

  /** user creates a user with `role` and returns its id, a logged-in client and an API key. */
  async function user(role: "viewer" | "operator" | "admin") {
    const username = `u${randomBytes(4).toString("hex")}`;
    const password = "a long enough password";
    const u = await fleet.master.api.post<{ id: string }>("/users", { username, password, role });
    const client = await ApiClient.login(fleet.master.http, username, password);
    const key = await client.post<{ id: string; key: string }>("/api-keys", { name: "stream key" });
    return { id: u.id, client, key };
  }

  /** streams opens the feed and a log follow with `headers` and waits until both deliver. */
  async function streams(headers: Record<string, string>): Promise<Stream[]> {
    const feed = await open(`${wsBase}/api/v1/ws`, headers);
    const logs = await open(`${wsBase}/api/v1/nodes/${nodeId}/containers/${containerId}/logs/ws?tail=1`, headers);
    sockets.push(feed.ws, logs.ws);
    const deadline = Date.now() + 10_000;
    while (logs.messages < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(logs.messages >= 2, "the log follow delivers lines before the revocation");
    return [feed, logs];
  }

  /** revokedWithin asserts every stream closes with the revocation code and reason within 1 s of `revoke` answering. */
  async function revokedWithin(list: Stream[], revoke: () => Promise<{ status: number }>, expect: { status: number; reason: string }) {
    const r = await revoke();
    const answered = Date.now();
    assert.equal(r.status, expect.status);
    for (const s of list) {
      const c = await Promise.race([s.closed, new Promise<null>((ok) => setTimeout(() => ok(null), 5_000))]);
      assert.ok(c, "the stream was closed");
      assert.equal(c.code, 4001);
      assert.equal(c.reason, `credentials revoked: ${expect.reason}`);
      assert.ok(c.at - answered < 1_000, `closed ${c.at - answered} ms after the revocation answered`);
    }
  }

  it("logout closes the session's feed and log follow", async () => {
    const u = await user("viewer");
    const list = await streams({ authorization: `Bearer ${u.client.token}` });
    const other = await streams({ "x-api-key": u.key.key });
    await revokedWithin(list, () => u.client.call("POST", "/auth/logout"), { status: 204, reason: "logged out" });
    await new Promise((r) => setTimeout(r, 300));
    for (const s of other) assert.equal(s.ws.readyState, WebSocket.OPEN, "the same user's API key streams stay open");
  });

  it("deleting a user closes their streams and voids a ticket issued before", async () => {
    const u = await user("operator");
    const { ticket } = await u.client.post<{ ticket: string }>("/ws/tickets", {});
    const list = [...(await streams({ authorization: `Bearer ${u.client.token}` })), ...(await streams({ "x-api-key": u.key.key }))];
    await revokedWithin(list, () => fleet.master.api.call("DELETE", `/users/${u.id}`), { status: 204, reason: "user deleted" });
    await assert.rejects(open(`${wsBase}/api/v1/ws?ticket=${encodeURIComponent(ticket)}`), (e: { status?: number }) => e.status === 401);
  });

  it("demoting a user closes their streams and voids their tickets; they reconnect with the new role", async () => {
    const u = await user("operator");
    const { ticket } = await u.client.post<{ ticket: string }>("/ws/tickets", {});
    const list = [...(await streams({ authorization: `Bearer ${u.client.token}` })), ...(await streams({ "x-api-key": u.key.key }))];
    await revokedWithin(list, () => fleet.master.api.call("PATCH", `/users/${u.id}`, { role: "viewer" }), {
      status: 200,
      reason: "role changed to viewer",
    });
    await assert.rejects(open(`${wsBase}/api/v1/ws?ticket=${encodeURIComponent(ticket)}`), (e: { status?: number }) => e.status === 401);
    const again = await open(`${wsBase}/api/v1/ws`, { authorization: `Bearer ${u.client.token}` });
    sockets.push(again.ws);
    assert.equal((await u.client.call("GET", "/auth/me")).body.role, "viewer");
  });

  it("deleting an API key closes that key's streams only", async () => {
    const u = await user("viewer");
    const second = await u.client.post<{ id: string; key: string }>("/api-keys", { name: "second" });
    const list = await streams({ "x-api-key": u.key.key });
    const kept = await streams({ "x-api-key": second.key });
    await revokedWithin(list, () => u.client.call("DELETE", `/api-keys/${u.key.id}`), { status: 204, reason: "API key deleted" });
    await new Promise((r) => setTimeout(r, 300));
    for (const s of kept) assert.equal(s.ws.readyState, WebSocket.OPEN, "the other key's streams stay open");
  });

  it("caps open WebSocket connections per credential with 429", async () => {
    const u = await user("viewer");
    const opened: Stream[] = [];
    let refused = 0;
    for (let i = 0; i < 40 && !refused; i++) {
      await open(`${wsBase}/api/v1/ws`, { "x-api-key": u.key.key }).then(
        (s) => (opened.push(s), sockets.push(s.ws)),
        (e: { status?: number }) => (assert.equal(e.status, 429), refused++),
      );
    }
    assert.equal(opened.length, 32, "the default cap is 32 per API key");
    await assert.rejects(
      open(`${wsBase}/api/v1/nodes/${nodeId}/containers/${containerId}/logs/ws?tail=1`, { "x-api-key": u.key.key }),
      (e: { status?: number }) => e.status === 429,
    );
    opened[0]!.ws.close();
    await opened[0]!.closed;
    const deadline = Date.now() + 5_000;
    let reopened: Stream | null = null;
    while (!reopened && Date.now() < deadline) reopened = await open(`${wsBase}/api/v1/ws`, { "x-api-key": u.key.key }).catch(() => null);
    assert.ok(reopened, "a closed connection frees its slot");
    sockets.push(reopened.ws);
  });
});
