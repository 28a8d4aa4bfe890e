#!/usr/bin/env node
import { ConfigError, createLogger } from "@flotilla/shared";
import { loadMasterConfig } from "./config.js";
import { createMaster } from "./master.js";

/** SHUTDOWN_BUDGET_MS bounds graceful shutdown (SPEC: exit within 10 s). */
const SHUTDOWN_BUDGET_MS = 8_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadMasterConfig(process.argv.slice(2), process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`flotilla-master: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger({ level: config.logLevel, name: "flotilla-master" });
  const master = await createMaster(config, log);
  const { httpAddr, grpcAddr } = await master.start();
  log.info({ http_addr: httpAddr, grpc_addr: grpcAddr, data_dir: config.dataDir, database: master.provider }, "master ready");

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    const force = setTimeout(() => {
      log.error("shutdown took too long; exiting");
      process.exit(1);
    }, SHUTDOWN_BUDGET_MS + 1_500);
    force.unref();
    master
      .stop(SHUTDOWN_BUDGET_MS)
      .then(() => {
        log.info("stopped");
        log.flush();
        setTimeout(() => process.exit(0), 50);
      })
      .catch((err: unknown) => {
        log.error({ err }, "shutdown failed");
        process.exit(1);
      });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((err: unknown) => {
  process.stderr.write(`flotilla-master: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
