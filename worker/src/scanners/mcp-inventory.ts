import { MCP_INVENTORY_RULES } from "./catalogue.js";
import { makeFinding } from "./finding.js";
import { readHostFile } from "./host/host-fs.js";
import { discoverConfigs, homeDirs } from "./mcp/discover.js";
import { extractServers, type RawServer } from "./mcp/extract.js";
import { parseJsonc } from "./mcp/jsonc.js";
import { assessRisk } from "./mcp/risk.js";
import { numberOption } from "./options.js";
import { redactArgs, redactText, redactUrl } from "./secrets.js";
import type { ScanContext, ScanFinding, Scanner } from "./scanner.js";

/** McpServerRecord is one inventoried server; it never holds env or header values. */
export interface McpServerRecord {
  client: string;
  config_path: string;
  name: string;
  transport: "stdio" | "http";
  command: string;
  args: string[];
  env_names: string[];
  header_names: string[];
  url: string;
  package: string;
  risk_score: number;
  risk_level: string;
  reasons: string[];
}

/** McpConfigRecord is one config file that was found, with its parse status. */
export interface McpConfigRecord {
  client: string;
  path: string;
  status: "ok" | "malformed" | "too_large" | "unreadable";
  servers: number;
}

/** McpInventory is the snapshot of the mcp-inventory scanner. */
export interface McpInventory {
  homes: string[];
  configs: McpConfigRecord[];
  servers: McpServerRecord[];
}

function record(client: string, configPath: string, raw: RawServer, homes: string[]): { rec: McpServerRecord; findings: ScanFinding[] } {
  // Everything below sees the redacted command line only; env values are used for the secret check, never reported.
  const s: RawServer = { ...raw, command: redactText(raw.command), args: redactArgs(raw.args), url: raw.url ? redactUrl(raw.url) : "" };
  const risk = assessRisk(s, homes);
  const rec: McpServerRecord = {
    client,
    config_path: configPath,
    name: s.name,
    transport: s.url && !s.command ? "http" : "stdio",
    command: s.command,
    args: s.args,
    env_names: Object.keys(s.env).sort(),
    header_names: s.headerNames.sort(),
    url: s.url,
    package: risk.package ? risk.package.spec : "",
    risk_score: risk.score,
    risk_level: risk.level,
    reasons: risk.reasons.map((r) => r.reason),
  };
  const resource = `mcp:${configPath}#${s.name}`;
  const findings = [makeFinding("mcp-inventory/server", resource, `${client} MCP server ${s.name} (risk ${risk.score}, ${risk.level})`, { ...rec })];
  const base = { client, config_path: configPath, server: s.name, risk_score: risk.score };
  for (const r of risk.reasons) {
    const extra = r.ruleId === "mcp-inventory/secret-in-config" ? { env_names: risk.secretEnvNames } : {};
    findings.push(makeFinding(r.ruleId, resource, `${client} MCP server ${s.name}: ${r.reason}`, { ...base, reason: r.reason, ...extra }));
  }
  return { rec, findings };
}

/** inventoryMcp discovers and rates MCP servers under ctx.hostRoot. */
export async function inventoryMcp(ctx: ScanContext): Promise<{ inventory: McpInventory; findings: ScanFinding[] }> {
  const maxDepth = numberOption(ctx.options, "max_depth", 4, 12);
  const maxDirs = numberOption(ctx.options, "max_dirs", 5000, 1_000_000);
  const homes = await homeDirs(ctx.hostRoot);
  ctx.progress(0.1, "homes");
  const locations = await discoverConfigs(ctx.hostRoot, homes, { maxDepth, maxDirs }, ctx.signal);
  ctx.progress(0.5, "configs");
  const inventory: McpInventory = { homes, configs: [], servers: [] };
  const findings: ScanFinding[] = [];
  for (const loc of locations) {
    if (ctx.signal.aborted) break;
    const file = await readHostFile(ctx.hostRoot, loc.path);
    if (!file.ok) {
      if (file.reason === "too_large" || file.reason === "unreadable") {
        inventory.configs.push({ client: loc.client, path: loc.path, status: file.reason, servers: 0 });
        ctx.log.debug({ path: loc.path, reason: file.reason }, "mcp config skipped");
      }
      continue;
    }
    let doc: unknown;
    try {
      doc = parseJsonc(file.text);
    } catch {
      inventory.configs.push({ client: loc.client, path: loc.path, status: "malformed", servers: 0 });
      findings.push(
        makeFinding("mcp-inventory/malformed-config", `mcp-config:${loc.path}`, `${loc.client} config ${loc.path} is not valid JSON`, {
          client: loc.client,
          config_path: loc.path,
        }),
      );
      continue;
    }
    const servers = extractServers(doc, loc.format);
    inventory.configs.push({ client: loc.client, path: loc.path, status: "ok", servers: servers.length });
    for (const s of servers) {
      const r = record(loc.client, loc.path, s, homes);
      inventory.servers.push(r.rec);
      findings.push(...r.findings);
    }
  }
  inventory.servers.sort((a, b) => b.risk_score - a.risk_score || a.config_path.localeCompare(b.config_path) || a.name.localeCompare(b.name));
  return { inventory, findings };
}

/** mcpInventory inventories MCP servers configured in users' client applications. */
export const mcpInventory: Scanner = {
  name: "mcp-inventory",
  description: "Inventories Model Context Protocol servers configured for users' client applications and rates their risk.",
  rules: MCP_INVENTORY_RULES,
  async scan(ctx) {
    const { inventory, findings } = await inventoryMcp(ctx);
    ctx.progress(1);
    return { findings, snapshot: inventory };
  },
};
