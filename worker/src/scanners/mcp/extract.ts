/** RawServer is one MCP server definition as found in a client config. */
export interface RawServer {
  name: string;
  command: string;
  args: string[];
  /** Environment variables; values are only inspected, never reported. */
  env: Record<string, string>;
  url: string;
  headerNames: string[];
}

/** ConfigFormat names how a client file lays out its servers. */
export type ConfigFormat = "mcpServers" | "servers" | "vscode-settings" | "claude-code" | "continue" | "zed";

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

function toServer(name: string, def: unknown): RawServer | null {
  if (!isObj(def)) return null;
  // Zed nests the command: {"command": {"path", "args", "env"}}; Continue nests a transport.
  const inner = isObj(def.command) ? def.command : isObj(def.transport) ? def.transport : def;
  const command = str(inner.command) || str(inner.path);
  const args = Array.isArray(inner.args) ? inner.args.filter((a): a is string => typeof a === "string") : [];
  const env: Record<string, string> = {};
  const rawEnv = isObj(inner.env) ? inner.env : isObj(def.env) ? def.env : {};
  for (const [k, v] of Object.entries(rawEnv)) env[k] = typeof v === "string" ? v : (JSON.stringify(v) ?? "");
  const url = str(inner.url) || str(inner.serverUrl) || str(def.url);
  const headers = isObj(inner.headers) ? inner.headers : isObj(def.headers) ? def.headers : {};
  if (!command && !url) return null;
  return { name, command, args, env, url, headerNames: Object.keys(headers) };
}

function fromMap(map: unknown): RawServer[] {
  if (!isObj(map)) return [];
  return Object.entries(map)
    .map(([name, def]) => toServer(name, def))
    .filter((s): s is RawServer => s !== null);
}

/**
 * extractServers returns the MCP servers defined in a parsed client config.
 * Unknown shapes yield an empty list.
 */
export function extractServers(doc: unknown, format: ConfigFormat): RawServer[] {
  if (!isObj(doc)) return [];
  switch (format) {
    case "mcpServers":
      return fromMap(doc.mcpServers);
    case "servers":
      return [...fromMap(doc.servers), ...fromMap(doc.mcpServers)];
    case "vscode-settings":
      return [...(isObj(doc.mcp) ? fromMap(doc.mcp.servers) : []), ...fromMap(doc["mcp.servers"])];
    case "claude-code": {
      const out = fromMap(doc.mcpServers);
      if (isObj(doc.projects)) {
        for (const [project, p] of Object.entries(doc.projects)) {
          if (isObj(p)) for (const s of fromMap(p.mcpServers)) out.push({ ...s, name: `${project}:${s.name}` });
        }
      }
      return out;
    }
    case "continue": {
      const exp = isObj(doc.experimental) ? doc.experimental.modelContextProtocolServers : undefined;
      const list = Array.isArray(exp) ? exp : Array.isArray(doc.mcpServers) ? doc.mcpServers : [];
      return list
        .map((def, i) => toServer(isObj(def) && typeof def.name === "string" ? def.name : `server-${i}`, def))
        .filter((s): s is RawServer => s !== null);
    }
    case "zed":
      return fromMap(doc.context_servers);
  }
}
