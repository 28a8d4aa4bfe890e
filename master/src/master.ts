import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "@flotilla/shared";
import type { MasterConfig } from "./config.js";
import type { MasterContext } from "./context.js";
import { openDb } from "./db/client.js";
import type { Provider } from "./db/types.js";
import { createEventBus } from "./events/bus.js";
import { createMetrics } from "./metrics/registry.js";
import { createPki } from "./pki/index.js";

/** Master is a running (or ready to run) master process. */
export interface Master {
  provider: Provider;
  ctx: MasterContext;
  /** start binds HTTP and gRPC; resolves with the bound addresses. */
  start(): Promise<{ httpAddr: string; grpcAddr: string }>;
  /** stop drains streams, flushes writes and closes the database. */
  stop(budgetMs: number): Promise<void>;
}

/**
 * createMaster is the composition root: it opens and migrates the database,
 * loads the PKI, and builds the event bus, liveness, sessions, services and
 * both servers. Nothing listens until start().
 */
export async function createMaster(config: MasterConfig, log: Logger): Promise<Master> {
  const metrics = createMetrics();
  const { db, provider, close: closeDb } = await openDb(config.databaseUrl, log);
  const bus = createEventBus({ db, log, metrics });
  const ctx: MasterContext = { config, log, db, provider, bus, metrics };
  const pki = await createPki(config.dataDir, { names: config.tlsNames });
  void pki;

  let http: Server | null = null;
  return {
    provider,
    ctx,
    async start() {
      http = createServer((_req, res) => {
        res.writeHead(503, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: "starting", code: "unavailable" }));
      });
      await new Promise<void>((ok) => http!.listen(config.httpAddr.port, config.httpAddr.host, ok));
      const h = http.address() as AddressInfo;
      return { httpAddr: `${config.httpAddr.host}:${h.port}`, grpcAddr: `${config.grpcAddr.host}:0` };
    },
    async stop() {
      await new Promise<void>((ok) => (http ? http.close(() => ok()) : ok()));
      await bus.close();
      await closeDb();
    },
  };
}
