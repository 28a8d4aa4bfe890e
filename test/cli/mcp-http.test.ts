import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { spawnNode, startMaster, startWorker, waitFor, type MasterProc, type Proc } from "../helpers/processes.js";
import { CLI_MAIN } from "./harness.js";

const ACTIONS = ["container_action", "run_scan", "triage_finding"];
const json = (r: unknown) => JSON.parse((r as { content: { text: string }[] }).content[0]!.text) as Record<string, any>;

describe("flotilla mcp --http (streamable HTTP, official SDK client)", function () {
  this.timeout(180_000);
  let m: MasterProc;
  let w: Proc;
  let mcp: Proc;
  let url = "";
  let nodeId = "";
  const clients: Client[] = [];

  /** connect opens an MCP session over HTTP that sends `credential` as its bearer token. */
  async function connect(credential: string): Promise<Client> {
    const client = new Client({ name: "flotilla-test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${credential}` } } }));
    clients.push(client);
    return client;
  }

  before(async () => {
    m = await startMaster();
    const tok = await m.api.post<{ token: string }>("/enrollment-tokens", { name: "mcp-http" });
    w = startWorker(m, { token: tok.token });
    // The server is started with an admin key in its environment: it must never use it for callers.
    const admin = await m.api.post<{ key: string }>("/api-keys", { name: "ambient admin" });
    mcp = spawnNode(CLI_MAIN, ["mcp", "--http", "127.0.0.1:0"], { FLOTILLA_URL: m.http, FLOTILLA_API_KEY: admin.key });
    url = String((await mcp.waitForLog((r) => r.msg === "mcp listening")).url);
    nodeId = await waitFor(
      async () => (await m.api.get<{ items: { id: string; status: string }[] }>("/nodes")).items.find((n) => n.status === "online")?.id,
      60_000,
      "worker online",
      200,
    );
  });
  after(async () => {
    for (const c of clients) await c.close().catch(() => undefined);
    await mcp?.kill();
    await w?.kill();
    await m?.cleanup();
  });

  it("refuses a caller without a credential, or with a wrong one, with the error envelope", async () => {
    const init = {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-03-26", capabilities: {}, clientInfo: { name: "t", version: "1" } },
    };
    const headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
    const none = await fetch(url, { method: "POST", headers, body: JSON.stringify(init) });
    assert.equal(none.status, 401);
    assert.equal(((await none.json()) as { code: string }).code, "unauthenticated");
    const wrong = await fetch(url, { method: "POST", headers: { ...headers, authorization: "Bearer flt_wrong" }, body: JSON.stringify(init) });
    assert.equal(wrong.status, 401, "the master rejects the key");
    await assert.rejects(connect("flt_wrong"), "the SDK client cannot initialize with a bad key");
  });

  it("a viewer key lists read tools with schemas from OpenAPI and no action tools", async () => {
    const key = await m.api.post<{ key: string }>("/api-keys", { name: "mcp-http viewer", role: "viewer" });
    const c = await connect(key.key);
    const names = (await c.listTools()).tools.map((t) => t.name);
    for (const n of ["fleet_status", "list_nodes", "list_containers", "list_findings", "list_scans", "list_events"]) assert.ok(names.includes(n), n);
    for (const n of ACTIONS) assert.ok(!names.includes(n), `viewer sees no ${n}`);
    const nodes = json(await c.callTool({ name: "list_nodes", arguments: {} }));
    assert.deepEqual(
      nodes.items.map((n: { id: string }) => n.id),
      [nodeId],
    );
    const denied = await c.callTool({ name: "run_scan", arguments: { targets: { all: true } } });
    assert.ok(denied.isError, "an action tool the role lacks cannot be called");
  });

  it("an operator key runs a scan and reads its findings; the audit log names that key", async () => {
    const key = await m.api.post<{ key: string; id: string }>("/api-keys", { name: "mcp-http operator", role: "operator" });
    const c = await connect(key.key);
    const names = (await c.listTools()).tools.map((t) => t.name);
    for (const n of ACTIONS) assert.ok(names.includes(n), `operator has ${n}`);
    const started = await c.callTool({ name: "run_scan", arguments: { targets: { node_ids: [nodeId] }, scanners: ["host-census"] } });
    assert.ok(!started.isError, JSON.stringify(started.content));
    const scanId = json(started).id as string;
    const scan = await waitFor(
      async () => {
        const s = json(await c.callTool({ name: "get_scan", arguments: { id: scanId } }));
        return ["completed", "failed", "canceled"].includes(s.status) ? s : null;
      },
      90_000,
      "scan finished",
      500,
    );
    assert.equal(scan.status, "completed");
    const found = json(await c.callTool({ name: "get_scan_findings", arguments: { id: scanId } }));
    assert.ok(Array.isArray(found.items), JSON.stringify(found).slice(0, 300));
    const audit = await m.api.get<{ items: { action: string }[] }>("/audit");
    const entry = audit.items.find((a) => a.action === "scans.create");
    assert.ok(entry, `scans.create audited: ${JSON.stringify(audit.items.map((a) => a.action))}`);
    assert.ok(JSON.stringify(entry).includes(key.id), `the operator's key ${key.id} is the actor: ${JSON.stringify(entry)}`);
  });

  it("an access token (JWT) from login works as the credential too", async () => {
    const c = await connect(m.api.token);
    const status = json(await c.callTool({ name: "fleet_status", arguments: {} }));
    assert.equal(typeof status, "object");
    assert.ok(
      (await c.listTools()).tools.some((t) => t.name === "run_scan"),
      "the admin's token carries its role",
    );
  });
});
