import { join } from "node:path";
import { FlotillaError, type Logger } from "@flotilla/shared";
import type { ContainerInfo, WorkerEvent } from "@flotilla/shared/gen/flotilla/v1/telemetry_pb.js";
import { createBackoff, sleep, type Backoff } from "./backoff.js";
import { createMasterChannel, type MasterChannel } from "./client.js";
import type { CommandHandler } from "./commands/index.js";
import type { WorkerConfig } from "./config.js";
import type { DockerEngine } from "./docker.js";
import { enroll } from "./enroll.js";
import { collectFacts } from "./facts.js";
import { runHeartbeats } from "./heartbeat.js";
import { FILES, openStateDir, type Identity, type StateDir } from "./identity.js";
import { runPusher } from "./pusher.js";
import { certExpiredError, isExpired, runRenewal } from "./renewal.js";
import { retryAfterMs, rpcError, withJitter } from "./rpc-error.js";
import { runSession } from "./session.js";
import { openSpool, type Spool } from "./spool.js";
import { createEventBuffer, runTelemetry, type Round } from "./telemetry.js";

/** AgentState is where the agent is in its lifecycle. */
export type AgentState = "starting" | "enrolling" | "connecting" | "online" | "backoff" | "stopping" | "stopped";

/** AgentOptions wire the agent to its configuration and plug-ins. */
export interface AgentOptions {
  config: WorkerConfig;
  log: Logger;
  handlers: readonly CommandHandler[];
  /** docker is the worker's Docker engine client, handed to command handlers. */
  docker: DockerEngine;
  /** collect runs the enabled collectors once. */
  collect: () => Promise<Round>;
  inventory?: () => Promise<ContainerInfo[] | undefined>;
  /** subscribeEvents streams host events; returns an unsubscribe function. */
  subscribeEvents?: (onEvent: (e: WorkerEvent) => void) => () => void;
  backoff?: Backoff;
}

/** Agent is a running worker. */
export interface Agent {
  /** run enrolls or loads the identity and keeps a session until stop(); rejects on a fatal error. */
  run(): Promise<void>;
  /** stop says goodbye (bounded 2 s) and ends every loop. */
  stop(reason?: string): Promise<void>;
  readonly state: AgentState;
  readonly nodeId: string | undefined;
}

/** RENEWED ends a connection so the next one uses the renewed certificate. */
const RENEWED = Symbol("renewed");

/**
 * createAgent builds the worker lifecycle: identity → enroll or reconnect →
 * session (hello, welcome, commands) with heartbeat, push and renewal loops;
 * reconnect with exponential backoff and full jitter. Telemetry is collected
 * into the spool whether connected or not. An `unauthenticated` answer for a
 * known identity (node deleted or certificate revoked) is fatal: run()
 * rejects with a message telling the operator to re-enroll.
 */
export function createAgent(o: AgentOptions): Agent {
  const { config, log } = o;
  const stopCtl = new AbortController();
  const backoff = o.backoff ?? createBackoff();
  const factsOpts = { procRoot: config.procRoot, hostRoot: config.hostRoot, machineId: config.machineId };
  let state: AgentState = "starting";
  let identity: Identity | undefined;
  let channel: MasterChannel | undefined;
  let done: Promise<void> | undefined;

  async function loadOrEnroll(dir: StateDir): Promise<Identity> {
    const existing = await dir.loadIdentity();
    if (existing) {
      if (config.joinToken) log.info({ node_id: existing.nodeId }, "identity found in state dir; ignoring the join token");
      if (isExpired(existing.certPem)) throw certExpiredError(existing.certPem, join(dir.path, FILES.state), existing.nodeId);
      return existing;
    }
    if (!config.joinToken) {
      throw new FlotillaError("invalid_argument", `no identity in ${dir.path} and no join token: pass --join-token (or FLOTILLA_JOIN_TOKEN)`);
    }
    state = "enrolling";
    const facts = await collectFacts(factsOpts);
    return enroll({
      master: config.master,
      token: config.joinToken,
      labels: config.labels,
      facts,
      stateDir: dir,
      log,
      insecure: config.insecure,
      signal: stopCtl.signal,
      backoff,
    });
  }

  async function connectOnce(id: Identity, dir: StateDir, spool: Spool): Promise<unknown> {
    const ac = new AbortController();
    const onStop = () => ac.abort();
    stopCtl.signal.addEventListener("abort", onStop, { once: true });
    const ch = createMasterChannel({ ...config.master, caPem: id.caPem, certPem: id.certPem, keyPem: id.keyPem, insecure: config.insecure });
    channel = ch;
    let fail!: (e: unknown) => void;
    const failed = new Promise<never>((_, reject) => (fail = reject));
    failed.catch(() => {});
    try {
      const hello = await collectFacts(factsOpts);
      const session = runSession({
        client: ch.node,
        hello,
        handlers: o.handlers,
        config,
        log,
        docker: o.docker,
        facts: () => collectFacts(factsOpts),
        signal: ac.signal,
        onWelcome: (w, beat) => {
          state = "online";
          log.info(
            { node_id: w.nodeId || id.nodeId, heartbeat_interval_ms: w.heartbeatIntervalMs, session_heartbeats: !!beat },
            "connected to master",
          );
          runHeartbeats({ client: ch.node, beat, spool, intervalMs: w.heartbeatIntervalMs, signal: ac.signal }).catch(fail);
          runPusher({ client: ch.node, spool, signal: ac.signal, log }).catch(fail);
          runRenewal({ client: ch.node, identity: id, stateDir: dir, commonName: hello.hostname, signal: ac.signal, log }).then(
            (renewed) => renewed && fail(RENEWED),
            fail,
          );
        },
      });
      await Promise.race([session, failed]);
    } catch (err) {
      return err;
    } finally {
      ac.abort();
      stopCtl.signal.removeEventListener("abort", onStop);
      ch.close();
      if (channel === ch) channel = undefined;
    }
  }

  async function connectLoop(id: Identity, dir: StateDir, spool: Spool): Promise<void> {
    while (!stopCtl.signal.aborted) {
      state = "connecting";
      const started = Date.now();
      const err = await connectOnce(id, dir, spool);
      if (stopCtl.signal.aborted) return;
      if (err === RENEWED) continue;
      // No connection can succeed with an expired certificate, whatever the failure looked like.
      if (isExpired(id.certPem)) throw certExpiredError(id.certPem, join(dir.path, FILES.state), id.nodeId);
      const e = rpcError(err);
      if (e.code === "unauthenticated") {
        throw new FlotillaError(
          "unauthenticated",
          `the master no longer accepts node ${id.nodeId} (deleted or certificate revoked): ${e.message}; ` +
            `remove ${join(dir.path, FILES.state)} and enroll again with a new join token`,
        );
      }
      backoff.healthyFor(Date.now() - started);
      // A master admitting reconnects at a bounded rate says how long to wait.
      const hinted = retryAfterMs(err);
      const delay = Math.max(backoff.next(), hinted === undefined ? 0 : withJitter(hinted));
      state = "backoff";
      log.warn({ code: e.code, err: e.message, retry_in_ms: delay }, "connection to master lost");
      await sleep(delay, stopCtl.signal);
    }
  }

  async function main(): Promise<void> {
    const dir = await openStateDir(config.stateDir);
    const id = await loadOrEnroll(dir);
    identity = id;
    const spool = await openSpool({
      dir: join(dir.path, FILES.spool),
      maxBytes: config.spoolMaxBytes,
      maxAgeMs: config.spoolMaxAgeMs,
      lastSeq: BigInt(id.state.seq),
      log,
      persistSeq: async (seq) => {
        id.state.seq = Number(seq);
        await dir.saveState(id.state);
      },
    });
    const telemetry = runTelemetry({
      spool,
      intervalMs: config.metricsIntervalMs,
      collect: o.collect,
      inventory: o.inventory,
      signal: stopCtl.signal,
      log,
    });
    const events = createEventBuffer(spool);
    const unsubscribe = o.subscribeEvents?.((e) => events.add(e));
    try {
      await connectLoop(id, dir, spool);
    } finally {
      stopCtl.abort();
      unsubscribe?.();
      await events.stop();
      await telemetry;
      state = "stopped";
    }
  }

  return {
    run() {
      done ??= main().catch((err) => {
        state = "stopped";
        if (stopCtl.signal.aborted && rpcError(err).code === "canceled") return;
        throw err;
      });
      return done;
    },
    async stop(reason = "shutdown") {
      if (stopCtl.signal.aborted) return void (await done?.catch(() => {}));
      const wasOnline = state === "online";
      state = "stopping";
      const ch = channel;
      if (ch && wasOnline) {
        await ch.node.goodbye({ reason }, { timeoutMs: 2000 }).then(
          () => log.info("said goodbye to master"),
          (err) => log.warn({ err: rpcError(err).message }, "goodbye failed"),
        );
      }
      stopCtl.abort();
      await done?.catch(() => {});
      state = "stopped";
    },
    get state() {
      return state;
    },
    get nodeId() {
      return identity?.nodeId;
    },
  };
}
