import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { FlotillaApiError } from "@flotilla/client";
import type { Api } from "./api.js";
import { buildTools, loadOpenApi } from "./mcp-tools.js";

/**
 * createMcpServer exposes the REST API as MCP tools for the caller's API
 * key: the key's role decides which action tools exist, and every call goes
 * through REST, so roles and the audit log apply unchanged.
 */
export async function createMcpServer(api: Api): Promise<Server> {
  const me = (await api.get("/api/v1/auth/me")) as { role?: string };
  const tools = buildTools(loadOpenApi(), me.role ?? "viewer");
  const server = new Server({ name: "flotilla", version: "0.1.0" }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: tools.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema as { type: "object" } })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (req) => {
    const tool = tools.find((t) => t.name === req.params.name);
    if (!tool) return { isError: true, content: [{ type: "text" as const, text: `unknown tool ${req.params.name}` }] };
    const c = tool.call((req.params.arguments ?? {}) as Record<string, unknown>);
    try {
      const data =
        c.method === "GET" ? await api.get(c.path, c.query as Record<string, string>) : await api.send(c.method as "POST" | "PATCH", c.path, c.body);
      return {
        content: [{ type: "text" as const, text: JSON.stringify(data ?? {}, null, 2) }],
        structuredContent: (data ?? {}) as Record<string, unknown>,
      };
    } catch (err) {
      const text = err instanceof FlotillaApiError ? `${err.code}: ${err.message}` : String(err);
      return { isError: true, content: [{ type: "text" as const, text }] };
    }
  });
  return server;
}

/** serveMcpStdio serves MCP on stdin/stdout until the client disconnects. */
export async function serveMcpStdio(api: Api): Promise<void> {
  const server = await createMcpServer(api);
  await server.connect(new StdioServerTransport());
}
