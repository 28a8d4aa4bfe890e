#!/usr/bin/env node
import { ConfigError, createLogger } from "@flotilla/shared";
import { createAgent } from "./agent.js";
import { HANDLERS } from "./commands/index.js";
import { loadWorkerConfig, type WorkerConfig } from "./config.js";
import { rpcError } from "./rpc-error.js";
import { createSources, type Sources } from "./sources.js";

/**
 * Exit codes: 0 clean stop, 1 fatal error (enrollment refused, CA pin
 * mismatch, broken state dir), 2 invalid configuration, 3 the master no
 * longer accepts this node's identity (deleted or revoked: re-enroll).
 */
const EXIT = { ok: 0, fatal: 1, config: 2, identityRejected: 3 } as const;

let config: WorkerConfig;
let sources: Sources;
try {
  config = loadWorkerConfig(process.argv.slice(2), process.env);
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
  process.exit(EXIT.config);
}
const log = createLogger({ level: config.logLevel, name: "flotilla-worker" });
try {
  sources = createSources(config, log);
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
  process.exit(EXIT.config);
}

const agent = createAgent({ config, log, handlers: HANDLERS, ...sources });

let stopping = false;
function onSignal(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "stopping");
  setTimeout(() => {
    log.warn("shutdown took too long; exiting");
    log.flush();
    process.exit(EXIT.ok);
  }, 9000).unref();
  void agent.stop(signal === "SIGTERM" ? "terminated" : "interrupted").then(() => {
    sources.close();
    log.info("stopped");
    log.flush();
    process.exit(EXIT.ok);
  });
}
process.on("SIGTERM", onSignal);
process.on("SIGINT", onSignal);

log.info({ master: `${config.master.host}:${config.master.port}`, state_dir: config.stateDir }, "worker starting");
agent.run().then(
  () => {
    if (!stopping) process.exit(EXIT.ok);
  },
  (err: unknown) => {
    const e = rpcError(err);
    log.fatal({ code: e.code }, e.message);
    process.stderr.write(`flotilla-worker: ${e.message}\n`);
    log.flush();
    process.exit(e.code === "unauthenticated" && agent.nodeId ? EXIT.identityRejected : EXIT.fatal);
  },
);
