#!/usr/bin/env node
import { accessSync, constants, mkdirSync } from "node:fs";
import { cliAction, ConfigError, createLogger, renderHelp, versionLine } from "@flotilla/shared";
import { createAgent } from "./agent.js";
import { HANDLERS } from "./commands/index.js";
import { loadWorkerConfig, WORKER_SETTINGS, type WorkerConfig } from "./config.js";
import { createDockerEngine } from "./docker.js";
import { rpcError } from "./rpc-error.js";
import { createSources, type Sources } from "./sources.js";

/**
 * Exit codes: 0 clean stop, 1 fatal error (enrollment refused, CA pin
 * mismatch, broken state dir), 2 invalid configuration, 3 the master no
 * longer accepts this node's identity (deleted or revoked: re-enroll).
 */
const EXIT = { ok: 0, fatal: 1, config: 2, identityRejected: 3 } as const;

const HELP_FOOTER = ["Exit codes: 0 stopped, 1 fatal error, 2 invalid configuration, 3 the master no longer accepts this node (enroll again)."];

const argv = process.argv.slice(2);
const action = cliAction(argv);
if (action !== "run") {
  process.stdout.write(
    action === "help"
      ? renderHelp(
          "flotilla-worker",
          "Flotilla worker: enrolls with a join token, then streams host telemetry to the master and runs its commands.",
          WORKER_SETTINGS,
          HELP_FOOTER,
        )
      : versionLine("flotilla-worker"),
  );
  process.exit(EXIT.ok);
}

/** ensureStateDir creates the state dir 0700; a path it cannot use is a ConfigError naming --state-dir. */
function ensureStateDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    throw ConfigError.startup("--state-dir", `${dir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

let config: WorkerConfig;
let sources: Sources | undefined;
try {
  config = loadWorkerConfig(argv, process.env);
} catch (err) {
  process.stderr.write(`flotilla-worker: ${err instanceof ConfigError ? err.message : String(err)}\n`);
  process.exit(EXIT.config);
}
const log = createLogger({ level: config.logLevel, name: "flotilla-worker" });
/** The one Docker engine client: collectors, scanners and command handlers all use it. */
const docker = createDockerEngine(config.dockerSocket);
try {
  ensureStateDir(config.stateDir);
  sources = createSources(config, log, docker);
} catch (err) {
  if (err instanceof ConfigError) log.fatal({ setting: err.setting }, err.message);
  else log.fatal({ err }, String(err));
  // No top-level await: the single executable (SEA) runs this module as CommonJS.
  log.flush(() => process.exit(EXIT.config));
}
if (sources) start(sources);

/** start runs the agent until it stops or a signal arrives. */
function start(sources: Sources): void {
  const agent = createAgent({ config, log, handlers: HANDLERS, docker, ...sources });

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
      const code = e.code === "unauthenticated" && agent.nodeId ? EXIT.identityRejected : EXIT.fatal;
      log.flush(() => process.exit(code));
    },
  );
}
