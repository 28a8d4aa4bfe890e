#!/usr/bin/env node
import { cliAction, ConfigError, createLogger, renderHelp, versionLine, type Logger } from "@flotilla/shared";
import { loadMasterConfig, MASTER_SETTINGS, type MasterConfig } from "./config.js";
import { createMaster } from "./master.js";
import { ensureDataDir } from "./startup.js";

/** SHUTDOWN_BUDGET_MS bounds graceful shutdown (SPEC: exit within 10 s). */
const SHUTDOWN_BUDGET_MS = 8_000;

/** Exit codes: 0 clean stop, 1 fatal error, 2 invalid configuration or a setting the master cannot start with. */
const EXIT = { ok: 0, fatal: 1, config: 2 } as const;

const HELP_FOOTER = [
  "Environment only: FLOTILLA_ADMIN_PASSWORD creates user admin on the first start.",
  "Exit codes: 0 stopped, 1 fatal error, 2 invalid configuration or a setting the master cannot start with.",
];

/** exitAfterFlush writes buffered log lines, then exits. */
function exitAfterFlush(log: Logger, code: number): void {
  log.flush(() => process.exit(code));
  setTimeout(() => process.exit(code), 500).unref();
}

async function run(config: MasterConfig, log: Logger): Promise<void> {
  ensureDataDir(config.dataDir);
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
      exitAfterFlush(log, EXIT.fatal);
    }, SHUTDOWN_BUDGET_MS + 1_500);
    force.unref();
    master
      .stop(SHUTDOWN_BUDGET_MS)
      .then(() => {
        log.info("stopped");
        exitAfterFlush(log, EXIT.ok);
      })
      .catch((err: unknown) => {
        log.fatal({ err }, "shutdown failed");
        exitAfterFlush(log, EXIT.fatal);
      });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

const argv = process.argv.slice(2);
const action = cliAction(argv);
if (action === "help") {
  process.stdout.write(
    renderHelp(
      "flotilla-master",
      "Flotilla master: fleet state, REST API, WebSocket feed, web UI and gRPC for workers.",
      MASTER_SETTINGS,
      HELP_FOOTER,
    ),
  );
} else if (action === "version") {
  process.stdout.write(versionLine("flotilla-master"));
} else {
  let config: MasterConfig | undefined;
  try {
    config = loadMasterConfig(argv, process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // Before a log level is known: the one line goes to stderr.
    process.stderr.write(`flotilla-master: ${err.message}\n`);
    process.exitCode = EXIT.config;
  }
  if (config) {
    const log = createLogger({ level: config.logLevel, name: "flotilla-master" });
    run(config, log).catch((err: unknown) => {
      if (err instanceof ConfigError) {
        log.fatal({ setting: err.setting }, err.message);
        exitAfterFlush(log, EXIT.config);
      } else {
        log.fatal({ err }, `master failed: ${err instanceof Error ? err.message : String(err)}`);
        exitAfterFlush(log, EXIT.fatal);
      }
    });
  }
}
