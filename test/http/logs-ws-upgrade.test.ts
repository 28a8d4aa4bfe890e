import { strict as assert } from "node:assert";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { attachContainerLogsWebSocket, type LogsSocket } from "../../master/src/http/container-logs-ws.js";
import { createMetrics } from "../../master/src/metrics/registry.js";
import type { CommandRecorder } from "../../master/src/commands/recorder.js";
import type { TargetResolver } from "../../master/src/containers/targets.js";

/** upgrade sends a raw WebSocket upgrade for `path` and returns the HTTP status the server answered. */
function upgrade(port: number, path: string): Promise<number> {
  return new Promise((ok, fail) => {
    const req = request({
      port,
      host: "127.0.0.1",
      path,
      headers: { Connection: "Upgrade", Upgrade: "websocket", "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==" },
    });
    req.on("response", (res) => {
      res.resume();
      ok(res.statusCode ?? 0);
    });
    req.on("upgrade", (res, socket) => {
      socket.destroy();
      ok(res.statusCode ?? 101);
    });
    req.on("error", fail);
    req.end();
  });
}

describe("log follow upgrade: malformed paths and queries", () => {
  let server: Server;
  let logs: LogsSocket;
  let port: number;
  let resolved = 0;
  before(async () => {
    server = createServer();
    const targets = {
      resolve: async () => (resolved++, Promise.reject(new Error("not reached"))),
      requireConnected: () => undefined,
    } as unknown as TargetResolver;
    logs = attachContainerLogsWebSocket(
      server,
      { log: pino({ level: "silent" }), metrics: createMetrics() },
      {
        authenticate: async () => ({ userId: "usr_1", username: "viewer", role: "viewer", via: "api_key" }),
        recorder: {} as CommandRecorder,
        targets,
      },
    );
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    await logs.close();
    await new Promise((ok) => server.close(ok));
  });

  for (const [name, path] of [
    ["bad percent-encoding in the node id", "/api/v1/nodes/%E0%A4%A/containers/c1/logs/ws"],
    ["bad percent-encoding in the container", "/api/v1/nodes/node_1/containers/%ZZ/logs/ws"],
    ["a NUL in the container", "/api/v1/nodes/node_1/containers/a%00b/logs/ws"],
    ["an encoded lone surrogate", "/api/v1/nodes/%ED%A0%80/containers/c1/logs/ws"],
    ["a NUL in the query", "/api/v1/nodes/node_1/containers/c1/logs/ws?tail=5&x=%00"],
  ]) {
    it(`answers ${name} with 400`, async () => {
      assert.equal(await upgrade(port, path!), 400);
    });
  }
  it("never reached the target lookup with a refused string", () => assert.equal(resolved, 0));
});
