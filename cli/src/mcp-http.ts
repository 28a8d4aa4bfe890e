import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { FlotillaApiError } from "@flotilla/client";
import { createApi } from "./api.js";
import { CliFailure, EXIT } from "./exit-codes.js";
import { createMcpServer } from "./mcp.js";

/** McpHttpOptions configure `flotilla mcp --http`. */
export interface McpHttpOptions {
  /** Master base URL every tool call goes to. */
  masterUrl: string;
  /** HOST:PORT to listen on (port 0 picks a free port). */
  addr: string;
}

/** MCP_PATH is the one endpoint of the streamable HTTP transport. */
export const MCP_PATH = "/mcp";

function envelope(res: ServerResponse, status: number, code: string, error: string): void {
  res.writeHead(status, { "content-type": "application/json", ...(status === 401 ? { "www-authenticate": 'Bearer realm="flotilla"' } : {}) });
  res.end(JSON.stringify({ error, code }));
}

/** credentialOf returns the caller's API key or JWT from `Authorization: Bearer` or `X-API-Key`. */
function credentialOf(req: IncomingMessage): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
  if (m) return m[1];
  const key = req.headers["x-api-key"];
  return typeof key === "string" && key ? key : undefined;
}

/**
 * handle serves one MCP request statelessly: the caller's own credential is
 * checked by the master (`GET /auth/me`), decides the tools, and is the one
 * every tool call sends to REST, so roles and the audit log apply per caller.
 */
async function handle(req: IncomingMessage, res: ServerResponse, masterUrl: string): Promise<void> {
  const path = new URL(req.url ?? "/", "http://x").pathname;
  if (path !== MCP_PATH) return envelope(res, 404, "not_found", `no route ${path}; MCP is served at ${MCP_PATH}`);
  const credential = credentialOf(req);
  if (!credential) return envelope(res, 401, "unauthenticated", "send the master's API key or access token as Authorization: Bearer <key>");
  if (req.method !== "POST") return envelope(res, 405, "invalid_argument", "this MCP endpoint is stateless: POST JSON-RPC messages");
  let server;
  try {
    server = await createMcpServer(createApi({ url: masterUrl, apiKey: credential }));
  } catch (err) {
    if (err instanceof FlotillaApiError) return envelope(res, err.status, err.code, err.message);
    return envelope(res, 502, "unavailable", `master at ${masterUrl} unreachable: ${err instanceof Error ? err.message : String(err)}`);
  }
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  res.once("close", () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res);
}

function splitAddr(addr: string): { host: string; port: number } {
  const i = addr.lastIndexOf(":");
  const port = Number(addr.slice(i + 1));
  if (i <= 0 || !Number.isInteger(port) || port < 0 || port > 65535) throw new CliFailure(`--http: "${addr}" is not HOST:PORT`, EXIT.usage);
  return { host: addr.slice(0, i).replace(/^\[|\]$/g, ""), port };
}

/**
 * serveMcpHttp serves MCP over streamable HTTP at `http://addr/mcp` until
 * SIGINT/SIGTERM. It holds no credential of its own: a request without one
 * gets 401, and each caller sees the tools their own role allows.
 */
export async function serveMcpHttp(opts: McpHttpOptions): Promise<HttpServer> {
  const { host, port } = splitAddr(opts.addr);
  const http = createServer((req, res) => {
    handle(req, res, opts.masterUrl).catch((err: unknown) => {
      process.stderr.write(
        `${JSON.stringify({ level: "error", msg: "mcp request failed", err: err instanceof Error ? err.message : String(err) })}\n`,
      );
      if (!res.headersSent) envelope(res, 500, "internal", "internal error");
      else res.destroy();
    });
  });
  await new Promise<void>((ok, fail) => {
    http.once("error", (err: NodeJS.ErrnoException) =>
      fail(new CliFailure(`--http: cannot listen on ${opts.addr}: ${err.code ?? err.message}`, EXIT.usage)),
    );
    http.listen(port, host, () => ok());
  });
  const bound = http.address() as AddressInfo;
  const shown = bound.family === "IPv6" ? `[${bound.address}]` : bound.address;
  process.stdout.write(
    `${JSON.stringify({ level: "info", msg: "mcp listening", url: `http://${shown}:${bound.port}${MCP_PATH}`, master: opts.masterUrl })}\n`,
  );
  const stop = () => http.close(() => process.exit(EXIT.ok));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return http;
}
