import path from "node:path";
import { isHostDir, listHostDir, readHostText } from "../host/host-fs.js";
import { parsePasswd } from "../host/parse-passwd.js";
import type { ConfigFormat } from "./extract.js";

/** ConfigLocation is one candidate MCP client config file on the host. */
export interface ConfigLocation {
  client: string;
  /** Absolute host path (as seen from the host root). */
  path: string;
  format: ConfigFormat;
}

const HOME_FILES: [client: string, rel: string, format: ConfigFormat][] = [
  ["claude-desktop", ".config/Claude/claude_desktop_config.json", "mcpServers"],
  ["claude-desktop", "Library/Application Support/Claude/claude_desktop_config.json", "mcpServers"],
  ["cursor", ".cursor/mcp.json", "mcpServers"],
  ["vscode", ".config/Code/User/settings.json", "vscode-settings"],
  ["vscode", ".config/Code/User/mcp.json", "servers"],
  ["vscode", "Library/Application Support/Code/User/settings.json", "vscode-settings"],
  ["vscode", "Library/Application Support/Code/User/mcp.json", "servers"],
  ["windsurf", ".codeium/windsurf/mcp_config.json", "mcpServers"],
  ["claude-code", ".claude.json", "claude-code"],
  ["continue", ".continue/config.json", "continue"],
  ["zed", ".config/zed/settings.json", "zed"],
];

const PROJECT_FILES: [client: string, rel: string, format: ConfigFormat][] = [
  ["claude-code", ".mcp.json", "mcpServers"],
  ["vscode", ".vscode/mcp.json", "servers"],
  ["cursor", ".cursor/mcp.json", "mcpServers"],
];

const SKIP_DIRS = new Set(["node_modules", "vendor", "target", "dist", "build", "venv", "__pycache__", "Library", "snap"]);

/** DiscoverLimits bound the project search under each home directory. */
export interface DiscoverLimits {
  maxDepth: number;
  maxDirs: number;
}

/** homeDirs lists home directories: from etc/passwd, /home/*, /Users/* and /root. */
export async function homeDirs(root: string): Promise<string[]> {
  const candidates = new Set<string>(["/root"]);
  for (const u of parsePasswd((await readHostText(root, "/etc/passwd")) ?? "")) {
    if (u.home && u.home !== "/" && path.posix.isAbsolute(u.home)) candidates.add(path.posix.normalize(u.home));
  }
  for (const parent of ["/home", "/Users"]) {
    for (const e of await listHostDir(root, parent)) if (e.dir) candidates.add(`${parent}/${e.name}`);
  }
  const out: string[] = [];
  for (const h of [...candidates].sort()) if (await isHostDir(root, h)) out.push(h);
  return out;
}

async function projectFiles(root: string, home: string, limits: DiscoverLimits, signal?: AbortSignal): Promise<ConfigLocation[]> {
  const out: ConfigLocation[] = [];
  let queue: string[] = [home];
  let visited = 0;
  for (let depth = 0; depth <= limits.maxDepth && queue.length > 0; depth++) {
    const next: string[] = [];
    for (const dir of queue) {
      if (signal?.aborted || visited >= limits.maxDirs) return out;
      visited++;
      const names = new Set<string>();
      for (const e of await listHostDir(root, dir)) {
        names.add(e.name);
        if (e.dir && !e.name.startsWith(".") && !SKIP_DIRS.has(e.name)) next.push(`${dir}/${e.name}`);
      }
      for (const [client, rel, format] of PROJECT_FILES) {
        if (names.has(rel.split("/")[0]!)) out.push({ client, path: `${dir}/${rel}`, format });
      }
    }
    queue = next;
  }
  return out;
}

/**
 * discoverConfigs lists candidate config files for every home directory:
 * well-known per-user files plus project files found by a bounded
 * breadth-first search (symlinked directories are never entered).
 */
export async function discoverConfigs(root: string, homes: string[], limits: DiscoverLimits, signal?: AbortSignal): Promise<ConfigLocation[]> {
  const seen = new Set<string>();
  const out: ConfigLocation[] = [];
  const add = (client: string, p: string, format: ConfigFormat) => {
    if (seen.has(p)) return;
    seen.add(p);
    out.push({ client, path: p, format });
  };
  for (const home of homes) {
    for (const [client, rel, format] of HOME_FILES) add(client, `${home}/${rel}`, format);
    for (const f of await projectFiles(root, home, limits, signal)) add(f.client, f.path, f.format);
  }
  return out;
}
