import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { startMaster, startWorker, type MasterProc, type Proc } from "../helpers/processes.js";
import { CLI_MAIN } from "./harness.js";

const ACTIONS = ["container_action", "run_scan", "triage_finding"];

/** connect starts `flotilla mcp` on stdio with an API key and connects the SDK's client. */
async function connect(url: string, apiKey: string): Promise<Client> {
  const client = new Client({ name: "flotilla-test", version: "1.0.0" });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [CLI_MAIN, "mcp"],
      env: { PATH: process.env.PATH!, FLOTILLA_URL: url, FLOTILLA_API_KEY: apiKey },
      stderr: "pipe",
    }),
  );
  return client;
}

const json = (r: unknown) => JSON.parse((r as { content: { text: string }[] }).content[0]!.text) as Record<string, any>;

describe("flotilla mcp (MCP over stdio, official SDK client)", function () {
  this.timeout(180_000);
  let m: MasterProc;
  let w: Proc;
  let nodeId = "";
  const clients: Client[] = [];
  before(async () => {
    m = await startMaster();
    const tok = await m.api.post<{ token: string }>("/enrollment-tokens", { name: "mcp" });
    w = startWorker(m, { token: tok.token });
    for (let i = 0; i < 100 && !nodeId; i++) {
      const nodes = await m.api.get<{ items: { id: string; status: string }[] }>("/nodes");
      nodeId = nodes.items.find((n) => n.status === "online")?.id ?? "";
      if (!nodeId) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(nodeId);
  });
  after(async () => {
    for (const c of clients) await c.close().catch(() => undefined);
    await w?.kill();
    await m?.cleanup();
  });

  it("lists read tools with JSON schemas from OpenAPI; a viewer key gets no action tools", async () => {
    const key = await m.api.post<{ key: string }>("/api-keys", { name: "mcp viewer", role: "viewer" });
    const c = await connect(m.http, key.key);
    clients.push(c);
    const { tools } = await c.listTools();
    const names = tools.map((t) => t.name);
    for (const n of ["fleet_status", "list_nodes", "list_containers", "list_findings", "list_scans", "list_events"]) assert.ok(names.includes(n), n);
    for (const n of ACTIONS) assert.ok(!names.includes(n), `viewer sees no ${n}`);
    const findings = tools.find((t) => t.name === "list_findings")!;
    assert.equal(findings.inputSchema.type, "object");
    assert.ok(Object.keys(findings.inputSchema.properties ?? {}).includes("limit"), "query parameters from OpenAPI");
    const nodes = json(await c.callTool({ name: "list_nodes", arguments: {} }));
    assert.deepEqual(
      nodes.items.map((n: { id: string }) => n.id),
      [nodeId],
    );
  });

  it("an operator key runs a scan, reads its findings, and the audit log shows the action", async () => {
    const key = await m.api.post<{ key: string; id: string }>("/api-keys", { name: "mcp operator", role: "operator" });
    const c = await connect(m.http, key.key);
    clients.push(c);
    const { tools } = await c.listTools();
    const run = tools.find((t) => t.name === "run_scan");
    assert.ok(run, "operator has run_scan");
    assert.ok(Object.keys(run.inputSchema.properties ?? {}).includes("targets"), "body schema from OpenAPI");
    assert.ok(!tools.some((t) => t.name === "delete_node"), "admin-only operations are not tools");
    const started = await c.callTool({ name: "run_scan", arguments: { targets: { node_ids: [nodeId] }, scanners: ["host-census"] } });
    assert.ok(!started.isError, JSON.stringify(started.content));
    const scanId = json(started).id as string;
    let scan: Record<string, any> = {};
    for (let i = 0; i < 120; i++) {
      scan = json(await c.callTool({ name: "get_scan", arguments: { id: scanId } }));
      if (["completed", "failed", "canceled"].includes(scan.status)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.equal(scan.status, "completed");
    const found = json(await c.callTool({ name: "get_scan_findings", arguments: { id: scanId } }));
    assert.ok(Array.isArray(found.items), JSON.stringify(found).slice(0, 300));
    const bad = await c.callTool({ name: "triage_finding", arguments: { fingerprint: "no-such", status: "acknowledged" } });
    assert.ok(bad.isError, "REST errors come back as tool errors");
    const audit = await m.api.get<{ items: { action: string; target_id: string | null }[] }>("/audit");
    const entry = audit.items.find((a) => a.action === "scans.create");
    assert.ok(entry, `scans.create audited: ${JSON.stringify(audit.items.map((a) => a.action))}`);
    assert.match(JSON.stringify(entry), /"api_key"/, "the actor is an API key");
    assert.ok(JSON.stringify(entry).includes(key.id), `the operator's key ${key.id} is recorded: ${JSON.stringify(entry)}`);
  });
});
