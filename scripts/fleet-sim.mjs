// Fleet simulator: N workers spread over K child processes, each speaking the
// real protocol through the worker's own modules (worker/dist): enrollment
// with a join token once, identities kept in a state directory so later runs
// reconnect as the same nodes, the Session stream with heartbeats at the
// interval the master gives, telemetry shaped like the real worker's (about
// 60 host points plus five containers every round, the container inventory
// when it changes) through the real on-disk spool and pusher (acks awaited,
// unacknowledged batches resent after a reconnect), a few container state
// changes per minute and container actions answered on the command stream.
//
//   node scripts/fleet-sim.mjs --master HOST:PORT --token TOKEN --state DIR \
//     [--n 300] [--offset 0] [--procs 2] [--ramp 100] [--seconds 0] [--interval 15000] [--churn 0] [--nice 0] [--json]
//
// --offset numbers the simulated hosts from that index (a second simulator
// adds different hosts to the same master).
// --churn MS makes every worker also flip one of its containers every MS on
// average from its start (container.start/die events through the real
// event buffer and pusher), for a steady stream of container.state events.
// --nice N runs the simulator's processes at that lower scheduling priority,
// so a server on the same machine is not starved by its own load generator.
// --ramp is new workers started per second (all children together);
// --seconds 0 runs until SIGTERM/SIGINT. Progress goes to stderr; with --json
// one line of counters per second goes to stdout (read by bench-fleet.mjs).
import { fork } from "node:child_process";
import { mkdirSync } from "node:fs";
import { setPriority } from "node:os";
import { join } from "node:path";
import { procTicks } from "./lib/bench.mjs";

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const flag = (name) => args.includes(`--${name}`);
const N = Number(opt("n", 300));
const OFFSET = Number(opt("offset", 0));
const PROCS = Math.max(1, Math.min(N, Number(opt("procs", 2))));
const RAMP = Number(opt("ramp", 100));
const SECONDS = Number(opt("seconds", 0));
const INTERVAL = Number(opt("interval", 15_000));
const CHURN = Number(opt("churn", 0));
const STATE = opt("state", "");
const MASTER = opt("master", "");
const TOKEN = opt("token", "");
const NICE = Number(opt("nice", 0));

/** Counters (and memory gauges) every child reports each second; the parent sums them. */
const COUNTERS = [
  "started",
  "enrolled",
  "online",
  "connects",
  "disconnects",
  "beats",
  "beatErrors",
  "pushed",
  "pushErrors",
  "rateLimited",
  "commands",
  "stateChanges",
  "spooled",
  "dropped",
  "rssBytes",
  "heapBytes",
];

if (process.env.FLEET_SIM_CHILD) await child();
else await parent();

async function parent() {
  if (!MASTER || !STATE || !TOKEN) {
    console.error("usage: fleet-sim.mjs --master HOST:PORT --token TOKEN --state DIR [--n 300] [--procs 2] [--ramp 100] [--seconds 0] [--json]");
    process.exit(2);
  }
  mkdirSync(STATE, { recursive: true });
  // Lower priority (inherited by the children): on a machine shared with the
  // server under test, the load generator takes the CPU the server leaves.
  if (NICE > 0) setPriority(NICE);
  const json = flag("json");
  const kids = [];
  const last = new Map();
  const per = Math.ceil(N / PROCS);
  for (let k = 0; k < PROCS; k++) {
    const from = OFFSET + k * per;
    const to = Math.min(OFFSET + N, from + per);
    if (from >= to) break;
    const c = fork(new URL(import.meta.url).pathname, args, {
      env: { ...process.env, FLEET_SIM_CHILD: "1", FLEET_SIM_FROM: String(from), FLEET_SIM_TO: String(to), FLEET_SIM_RAMP: String(RAMP / PROCS) },
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    });
    c.on("message", (m) => last.set(k, m));
    c.on("exit", (code, signal) => {
      if (code || (signal && signal !== "SIGTERM")) console.error(`fleet-sim: child ${k} (workers ${from}-${to - 1}) exited with ${signal ?? code}`);
    });
    kids.push(c);
  }
  const t0 = Date.now();
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const c of kids) c.kill("SIGTERM");
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  const cpu0 = kids.map(() => 0);
  const tick = setInterval(() => {
    const sum = Object.fromEntries(COUNTERS.map((c) => [c, 0]));
    let ticks = 0;
    kids.forEach((c, k) => {
      const m = last.get(k);
      if (m) for (const name of COUNTERS) sum[name] += m[name] ?? 0;
      ticks += procTicks(c.pid) ?? cpu0[k];
    });
    const line = { t: Math.round((Date.now() - t0) / 1000), n: N, procs: kids.length, cpu_ticks: ticks, ...sum };
    if (json) process.stdout.write(`${JSON.stringify(line)}\n`);
    if (sum.online < N || line.t % 10 === 0) {
      console.error(
        `fleet-sim t=${line.t}s started ${sum.started}/${N} online ${sum.online} enrolled ${sum.enrolled} beats ${sum.beats} pushed ${sum.pushed} errors ${sum.beatErrors + sum.pushErrors} shed ${sum.rateLimited} rss ${Math.round(sum.rssBytes / 2 ** 20)} MB heap ${Math.round(sum.heapBytes / 2 ** 20)} MB`,
      );
    }
  }, 1000);
  if (SECONDS > 0) setTimeout(stop, SECONDS * 1000);
  await Promise.all(kids.map((c) => new Promise((r) => c.once("exit", r))));
  clearInterval(tick);
}

async function child() {
  const root = new URL("..", import.meta.url).pathname;
  const w = (p) => import(join(root, "worker/dist", p));
  const { createBackoff, sleep } = await w("backoff.js");
  const { createMasterChannel } = await w("client.js");
  const { enroll } = await w("enroll.js");
  const { runHeartbeats } = await w("heartbeat.js");
  const { FILES, openStateDir } = await w("identity.js");
  const { runPusher } = await w("pusher.js");
  const { retryAfterMs, rpcError, withJitter } = await w("rpc-error.js");
  const { runSession } = await w("session.js");
  const { openSpool } = await w("spool.js");
  const { createEventBuffer, runTelemetry } = await w("telemetry.js");
  const { refreshFacts } = await w("commands/refresh-facts.js");
  const { defineHandler } = await w("commands/handler.js");
  const { createLogger, FlotillaError } = await import("@flotilla/shared");
  const { simulatedHost } = await import("./fleet-sim-host.mjs");

  const [host, port] = [MASTER.slice(0, MASTER.lastIndexOf(":")), Number(MASTER.slice(MASTER.lastIndexOf(":") + 1))];
  const from = Number(process.env.FLEET_SIM_FROM);
  const to = Number(process.env.FLEET_SIM_TO);
  const ramp = Number(process.env.FLEET_SIM_RAMP);
  const log = createLogger({ level: "silent", name: "fleet-sim" });
  const stats = Object.fromEntries(COUNTERS.map((c) => [c, 0]));
  const stopCtl = new AbortController();
  process.setMaxListeners?.(0);
  (await import("node:events")).setMaxListeners(0, stopCtl.signal);
  process.on("SIGTERM", () => stopCtl.abort());
  process.on("SIGINT", () => stopCtl.abort());
  const report = setInterval(() => {
    const m = process.memoryUsage();
    stats.rssBytes = m.rss;
    stats.heapBytes = m.heapUsed;
    process.send?.(stats);
  }, 1000);

  async function simulate(i) {
    const sim = simulatedHost(i, INTERVAL);
    const dir = await openStateDir(join(STATE, `w${String(i).padStart(5, "0")}`));
    const config = {
      master: { host, port },
      stateDir: dir.path,
      labels: { fleet: "sim" },
      metricsIntervalMs: INTERVAL,
      allowContainerActions: true,
      insecure: false,
    };
    let id = await dir.loadIdentity();
    if (!id) {
      id = await enroll({
        master: { host, port },
        token: TOKEN,
        labels: { fleet: "sim" },
        facts: sim.facts,
        stateDir: dir,
        log,
        signal: stopCtl.signal,
      });
      stats.enrolled++;
    }
    const spool = await openSpool({
      dir: join(dir.path, FILES.spool),
      lastSeq: BigInt(id.state.seq),
      persistSeq: async (seq) => {
        id.state.seq = Number(seq);
        await dir.saveState(id.state);
      },
    });
    const telemetry = runTelemetry({ spool, intervalMs: INTERVAL, collect: sim.collect, inventory: sim.inventory, signal: stopCtl.signal, log });
    const events = createEventBuffer(spool);
    sim.onEvent((e) => {
      stats.stateChanges++;
      events.add(e);
    });
    // steady churn at a random phase per worker, so N workers spread their flips evenly
    let churn;
    if (CHURN > 0) {
      const begin = setTimeout(() => {
        sim.flip();
        churn = setInterval(() => sim.flip(), CHURN);
      }, Math.random() * CHURN);
      stopCtl.signal.addEventListener("abort", () => (clearTimeout(begin), clearInterval(churn)), { once: true });
    }
    const containerAction = defineHandler({
      kind: "containerAction",
      capability: "container_action",
      async run(p) {
        stats.commands++;
        const c = sim.act(p.containerId, p.action);
        if (!c) throw new FlotillaError("not_found", `no container ${p.containerId}`);
        return { case: "containerAction", value: { container: c } };
      },
    });
    const backoff = createBackoff();
    let online = false;
    while (!stopCtl.signal.aborted) {
      const ac = new AbortController();
      const onStop = () => ac.abort();
      stopCtl.signal.addEventListener("abort", onStop, { once: true });
      const ch = createMasterChannel({ host, port, caPem: id.caPem, certPem: id.certPem, keyPem: id.keyPem });
      const client = countingClient(ch.node);
      const started = Date.now();
      stats.connects++;
      let fail;
      const failed = new Promise((_, reject) => (fail = reject));
      failed.catch(() => {});
      let err;
      try {
        await Promise.race([
          runSession({
            client,
            hello: sim.facts,
            handlers: [refreshFacts, containerAction],
            config,
            log,
            facts: async () => sim.facts,
            signal: ac.signal,
            onWelcome: (wel, beat) => {
              online = true;
              stats.online++;
              const counted =
                beat &&
                ((req, t) =>
                  beat(req, t).then(
                    (r) => (stats.beats++, r),
                    (e) => (stats.beatErrors++, Promise.reject(e)),
                  ));
              runHeartbeats({ client, beat: counted, spool, intervalMs: wel.heartbeatIntervalMs, signal: ac.signal }).catch(fail);
              runPusher({ client, spool, signal: ac.signal, log }).catch(fail);
            },
          }),
          failed,
        ]);
      } catch (e) {
        err = e;
      } finally {
        ac.abort();
        stopCtl.signal.removeEventListener("abort", onStop);
        ch.close();
        if (online) {
          online = false;
          stats.online--;
          stats.disconnects++;
        }
      }
      if (stopCtl.signal.aborted) break;
      if (rpcError(err).code === "unauthenticated") throw new Error(`node ${id.nodeId} is no longer accepted: ${rpcError(err).message}`);
      backoff.healthyFor(Date.now() - started);
      const hinted = retryAfterMs(err);
      if (hinted !== undefined) stats.rateLimited++;
      await sleep(Math.max(backoff.next(), hinted === undefined ? 0 : withJitter(hinted)), stopCtl.signal);
    }
    await events.stop();
    await telemetry;
    stats.spooled += spool.entries().length;
    stats.dropped += spool.dropped;
  }

  function countingClient(node) {
    return {
      ...node,
      session: (...a) => node.session(...a),
      heartbeat: (...a) => node.heartbeat(...a),
      push: (...a) =>
        node.push(...a).then(
          (r) => (stats.pushed++, r),
          (e) => {
            if (rpcError(e).code === "rate_limited") stats.rateLimited++;
            else if (!stopCtl.signal.aborted) stats.pushErrors++;
            throw e;
          },
        ),
    };
  }

  const runs = [];
  for (let i = from; i < to && !stopCtl.signal.aborted; i++) {
    stats.started++;
    runs.push(
      simulate(i).catch((e) => {
        stats.pushErrors++;
        console.error(`fleet-sim worker ${i}: ${e.message}`);
      }),
    );
    await sleep(1000 / ramp, stopCtl.signal);
  }
  await Promise.allSettled(runs);
  clearInterval(report);
  process.send?.(stats);
  process.exit(0);
}
