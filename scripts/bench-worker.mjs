#!/usr/bin/env node
// Benchmark of the worker's collectors: starts N busybox containers, runs
// every collector plus the container inventory at the metrics interval for a
// while in this process, then prints CPU (% of one core) and RSS, and removes
// the containers. Needs a built worker (npm run build) and a Docker engine.
//
//   node scripts/bench-worker.mjs [--containers 20] [--seconds 60]
//        [--interval-ms 15000] [--method auto|cgroup|api]
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    containers: { type: "string", default: "20" },
    seconds: { type: "string", default: "60" },
    "interval-ms": { type: "string", default: process.env.FLOTILLA_METRICS_INTERVAL ?? "15000" },
    method: { type: "string", default: "auto" },
    socket: { type: "string", default: process.env.FLOTILLA_DOCKER_SOCKET ?? "/var/run/docker.sock" },
  },
});
const count = Number(args.containers);
const seconds = Number(args.seconds);
const intervalMs = Number(args["interval-ms"]);
if (![count, seconds, intervalMs].every((n) => Number.isFinite(n) && n > 0)) {
  console.error("bench-worker: --containers, --seconds and --interval-ms must be positive numbers");
  process.exit(2);
}

const dist = new URL("../worker/dist/collectors/index.js", import.meta.url);
let mod;
try {
  mod = await import(dist.href);
} catch {
  console.error("bench-worker: worker/dist not found; build first (npm run build or npx tsc -b)");
  process.exit(2);
}
const { createCollectors, createContainersCollector, createDockerSource, runCollectors } = mod;
const { pino } = await import("pino");

const log = pino({ level: "warn" });

/** engineCpuTicks returns utime+stime (clock ticks) of the local dockerd, if one is visible in /proc. */
function engineCpuTicks() {
  for (const e of readdirSync("/proc")) {
    if (!/^\d+$/.test(e)) continue;
    try {
      if (readFileSync(`/proc/${e}/comm`, "utf8").trim() !== "dockerd") continue;
      const f = readFileSync(`/proc/${e}/stat`, "utf8").split(") ")[1].split(" ");
      return Number(f[11]) + Number(f[12]);
    } catch {
      /* process went away */
    }
  }
  return undefined;
}
const { createDockerEngine } = await import(new URL("../worker/dist/docker.js", import.meta.url).href);
const docker = createDockerSource({ engine: createDockerEngine(args.socket), log });
if (!(await docker.ping())) {
  console.error(`bench-worker: Docker engine unavailable at ${args.socket}`);
  process.exit(1);
}
execFileSync("sh", [fileURLToPath(new URL("./docker-image.sh", import.meta.url))], { stdio: "ignore" });

const run = randomBytes(4).toString("hex");
const ids = [];
async function cleanup() {
  await Promise.all(
    ids.map((id) =>
      docker.docker
        .getContainer(id)
        .remove({ force: true })
        .catch(() => {}),
    ),
  );
  docker.close();
}
process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));

try {
  for (let i = 0; i < count; i++) {
    const c = await docker.docker.createContainer({
      name: `flotilla-bench-${run}-${i}`,
      Image: "local/busybox:1",
      Cmd: ["sleep", "600"],
      Labels: { "flotilla.bench": run },
      HostConfig: { NetworkMode: "none" },
    });
    ids.push(c.id);
    await c.start();
  }
  const collectors = [...createCollectors({ disabled: ["containers"] }), createContainersCollector({ method: args.method })];
  const ctx = { procRoot: "/proc", sysRoot: "/sys", hostRoot: "/", log, docker };
  const stopEvents = docker.events(() => {});

  // Warm-up round (module loading, first inspect of every container) is not measured.
  await runCollectors(collectors, ctx);
  await docker.inventory();
  global.gc?.();

  const cpu0 = process.cpuUsage();
  const engine0 = engineCpuTicks();
  const t0 = performance.now();
  let rssMax = process.memoryUsage().rss;
  let rounds = 0;
  let containerSeconds = 0;
  let points = 0;
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage().rss)), 250);
  while (performance.now() - t0 < seconds * 1000) {
    const next = t0 + (rounds + 1) * intervalMs;
    await new Promise((r) => setTimeout(r, Math.max(0, Math.min(next, t0 + seconds * 1000) - performance.now())));
    if (performance.now() - t0 >= seconds * 1000 + 1) break;
    const round = await runCollectors(collectors, ctx);
    await docker.inventory();
    rounds++;
    points = round.points.length;
    containerSeconds += round.statuses.find((s) => s.name === "containers")?.durationSeconds ?? 0;
    const failed = round.statuses.filter((s) => !s.success);
    if (failed.length) console.error("failed collectors:", failed);
  }
  clearInterval(sampler);
  stopEvents();
  const cpu = process.cpuUsage(cpu0);
  const engine1 = engineCpuTicks();
  const wallUs = (performance.now() - t0) * 1000;
  const result = {
    containers: count,
    method: args.method,
    interval_ms: intervalMs,
    seconds: Math.round(wallUs / 1e6),
    rounds,
    points_per_round: points,
    containers_collector_ms_avg: Number(((containerSeconds / Math.max(1, rounds)) * 1000).toFixed(2)),
    cpu_percent_of_one_core: Number((((cpu.user + cpu.system) / wallUs) * 100).toFixed(3)),
    rss_mb_max: Number((rssMax / 1048576).toFixed(1)),
    // dockerd CPU over the same window (100 ticks per second), includes other clients of the engine.
    engine_cpu_percent_of_one_core:
      engine0 === undefined || engine1 === undefined ? null : Number((((engine1 - engine0) / 100 / (wallUs / 1e6)) * 100).toFixed(3)),
  };
  console.log(JSON.stringify(result));
  console.log(
    `CPU ${result.cpu_percent_of_one_core}% of one core (target < 2%), RSS ${result.rss_mb_max} MB (target < 80 MB), ` +
      `${count} containers, method ${args.method}, ${rounds} rounds, containers collector ${result.containers_collector_ms_avg} ms/round, ` +
      `dockerd CPU ${result.engine_cpu_percent_of_one_core}%`,
  );
} finally {
  await cleanup();
}
