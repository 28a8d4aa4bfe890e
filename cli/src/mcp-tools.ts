import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

type Json = Record<string, any>;

/** ToolSpec maps one MCP tool onto one REST operation. */
interface ToolSpec {
  name: string;
  method: "get" | "post" | "patch";
  path: string;
  description: string;
}

/** TOOLS are the MCP tools: reads for everyone, actions as the caller's role allows. */
const TOOLS: ToolSpec[] = [
  { name: "fleet_status", method: "get", path: "/api/v1/fleet/status", description: "Fleet overview: nodes online/offline, findings" },
  { name: "list_nodes", method: "get", path: "/api/v1/nodes", description: "List nodes with status and labels" },
  { name: "get_node", method: "get", path: "/api/v1/nodes/{id}", description: "One node with its host facts" },
  { name: "list_containers", method: "get", path: "/api/v1/containers", description: "Containers across the fleet" },
  { name: "list_findings", method: "get", path: "/api/v1/findings", description: "Findings from scans, filterable by severity, status, node" },
  { name: "list_scans", method: "get", path: "/api/v1/scans", description: "Scans, newest first" },
  { name: "get_scan", method: "get", path: "/api/v1/scans/{id}", description: "One scan with progress and per-node status" },
  { name: "get_scan_findings", method: "get", path: "/api/v1/scans/{id}/findings", description: "Findings of one scan" },
  { name: "list_events", method: "get", path: "/api/v1/events", description: "Stored fleet events, newest first" },
  { name: "run_scan", method: "post", path: "/api/v1/scans", description: "Start a scan on target nodes" },
  { name: "triage_finding", method: "patch", path: "/api/v1/findings/{fingerprint}", description: "Set a finding's triage status" },
  {
    name: "container_action",
    method: "post",
    path: "/api/v1/nodes/{id}/containers/{cid}/actions",
    description: "Start, stop or restart a container",
  },
];

const RANK: Record<string, number> = { public: 0, viewer: 1, operator: 2, admin: 3 };

/** Tool is one MCP tool with its JSON schema from the OpenAPI document. */
export interface Tool {
  name: string;
  description: string;
  inputSchema: Json;
  role: string;
  call(args: Json): { method: string; path: string; query?: Json; body?: Json };
}

/** loadOpenApi reads the document the SDK was generated from. */
export function loadOpenApi(): Json {
  const require = createRequire(import.meta.url);
  return JSON.parse(readFileSync(require.resolve("@flotilla/client/openapi.json"), "utf8")) as Json;
}

function deref(doc: Json, s: Json | undefined): Json {
  if (s && typeof s.$ref === "string") return doc.components.schemas[s.$ref.split("/").pop()!] as Json;
  return s ?? {};
}

/**
 * buildTools derives every tool's input schema from the OpenAPI operation
 * (path and query parameters, request body properties) and keeps only the
 * tools the caller's role may use.
 */
export function buildTools(doc: Json, callerRole: string): Tool[] {
  const out: Tool[] = [];
  for (const t of TOOLS) {
    const op = doc.paths?.[t.path]?.[t.method] as Json | undefined;
    if (!op) continue;
    const role = String(op["x-flotilla-role"] ?? "admin");
    if ((RANK[role] ?? 3) > (RANK[callerRole] ?? 0)) continue;
    const props: Json = {};
    const required: string[] = [];
    const pathParams: string[] = [];
    const queryParams: string[] = [];
    for (const p of (op.parameters ?? []) as Json[]) {
      props[p.name] = { ...p.schema, ...(p.description ? { description: p.description } : {}) };
      if (p.required) required.push(p.name);
      (p.in === "path" ? pathParams : queryParams).push(p.name);
    }
    const body = deref(doc, op.requestBody?.content?.["application/json"]?.schema);
    for (const [k, v] of Object.entries((body.properties ?? {}) as Json)) props[k] = v;
    required.push(...((body.required ?? []) as string[]));
    out.push({
      name: t.name,
      description: `${t.description} (${t.method.toUpperCase()} ${t.path}, role ${role})`,
      role,
      inputSchema: { type: "object", properties: props, ...(required.length ? { required } : {}) },
      call(args) {
        const path = t.path.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(String(args[k] ?? "")));
        const rest = Object.fromEntries(Object.entries(args).filter(([k]) => !pathParams.includes(k)));
        if (t.method === "get") return { method: "GET", path, query: rest };
        return { method: t.method.toUpperCase(), path, body: rest };
      },
    });
  }
  return out;
}
