import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import yaml, { CORE_SCHEMA, mergeTag } from "js-yaml";
import { loadMasterConfig } from "../../master/src/config.js";
import { postgresDatabase } from "../helpers/database.js";
import { openFeed, type Feed } from "../helpers/feed.js";
import { ApiClient, startWorker, waitFor, type MasterProc, type Proc } from "../helpers/processes.js";
import { requireNats, startReplica } from "../cluster/harness.js";

const ROOT = new URL("../..", import.meta.url).pathname;
const COMPOSE = join(ROOT, "deploy/compose.replicas.yaml");
const HAPROXY_CFG = join(ROOT, "deploy/haproxy/haproxy.cfg");
const SPEC_ENV = ["FLOTILLA_ADMIN_PASSWORD", "FLOTILLA_MASTER", "FLOTILLA_JOIN_TOKEN"];

const sh = (cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(cmd, args, { encoding: "utf8", timeout: 60_000, env: { ...process.env, ...env } });

type Service = {
  image?: string;
  build?: { dockerfile?: string };
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, unknown> | string[];
  profiles?: string[];
  networks?: Record<string, { ipv4_address?: string }> | string[];
};
type Compose = { services: Record<string, Service>; networks: Record<string, { ipam: { config: { subnet: string }[] } }> };

// Compose resolves YAML merge keys (`<<: *master-env`), as YAML 1.1 does.
const compose = () => yaml.load(readFileSync(COMPOSE, "utf8"), { schema: CORE_SCHEMA.withTags(mergeTag) }) as Compose;
const masters = (c: Compose) =>
  Object.entries(c.services)
    .filter(([, s]) => s.build?.dockerfile === "deploy/master.Dockerfile")
    .map(([name]) => name)
    .sort();

/** backends maps each HAProxy backend to its `server NAME HOST:PORT` lines. */
function backends(cfg: string): Map<string, { name: string; host: string; port: number }[]> {
  const out = new Map<string, { name: string; host: string; port: number }[]>();
  let current: string | undefined;
  for (const line of cfg.split("\n")) {
    const section = /^(global|defaults|frontend|backend|resolvers|listen)\b\s*(\S*)/.exec(line);
    if (section) current = section[1] === "backend" ? section[2] : undefined;
    const server = /^\s+server\s+(\S+)\s+([^\s:]+):(\d+)/.exec(line);
    if (current && server) out.set(current, [...(out.get(current) ?? []), { name: server[1]!, host: server[2]!, port: Number(server[3]) }]);
  }
  return out;
}

/** substitute expands ${VAR}, ${VAR:-default} and ${VAR:?message} the way compose does. */
function substitute(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_m, name: string, op?: string, arg?: string) => {
    const v = env[name];
    if (v) return v;
    if (op === "?") throw new Error(`${name} is required: ${arg}`);
    return op === "-" ? (arg ?? "") : "";
  });
}

/** dockerfileEnv reads the ENV lines of the master image (continuations joined). */
function dockerfileEnv(): Record<string, string> {
  const text = readFileSync(join(ROOT, "deploy/master.Dockerfile"), "utf8").replace(/\\\n\s*/g, " ");
  const env: Record<string, string> = {};
  for (const line of text.split("\n").filter((l) => l.startsWith("ENV "))) {
    for (const m of line.slice(4).matchAll(/(\w+)=(\S+)/g)) env[m[1]!] = m[2]!;
  }
  return env;
}

describe("deploy: compose.replicas.yaml with HAProxy and Prometheus for three replicas", function () {
  this.timeout(60_000);

  it("haproxy -c accepts deploy/haproxy/haproxy.cfg", () => {
    const r = sh("haproxy", ["-c", "-f", HAPROXY_CFG]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout + r.stderr, /Configuration file is valid/);
    // The only warnings allowed are the replica names this host cannot resolve.
    const warnings = (r.stdout + r.stderr).split("\n").filter((l) => l.includes("[WARNING]"));
    for (const w of warnings) assert.match(w, /could not resolve address 'master-[abc]'/);
  });

  it("promtool check config accepts the Prometheus file the compose file mounts", () => {
    const prom = compose().services.prometheus!;
    const mount = prom.volumes!.find((v) => v.endsWith(":/etc/prometheus/replicas.yml:ro"))!;
    const r = sh("promtool", ["check", "config", join(ROOT, "deploy", mount.split(":")[0]!)]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  it("three replicas share PostgreSQL and NATS; HAProxy and Prometheus name every replica; every setting is a real one", () => {
    const c = compose();
    const names = masters(c);
    assert.deepEqual(names, ["master-a", "master-b", "master-c"]);
    for (const s of ["postgres", "nats", "lb", "prometheus"]) assert.ok(c.services[s], `service ${s}`);
    assert.match(c.services.lb!.image!, /^haproxy:/);
    assert.match(c.services.nats!.image!, /^nats:/);
    assert.match(c.services.postgres!.image!, /^postgres:/);

    const vars = { POSTGRES_PASSWORD: "s3cret", FLOTILLA_ADMIN_PASSWORD: "" };
    const image = dockerfileEnv();
    const volumes = new Set<string>();
    for (const name of names) {
      const svc = c.services[name]!;
      const env = Object.fromEntries(Object.entries(svc.environment!).map(([k, v]) => [k, substitute(String(v), vars)]));
      // Every variable is a master setting (or one SPEC.md names), and the
      // replica's configuration loads as the master would load it.
      for (const k of Object.keys(env))
        assert.ok(
          SPEC_ENV.includes(k) || readFileSync(join(ROOT, "master/src/config.ts"), "utf8").includes(`env: "${k}"`),
          `${name}: ${k} is a master setting`,
        );
      const cfg = loadMasterConfig([], { ...image, ...env });
      const db = new URL(cfg.databaseUrl);
      assert.equal(db.protocol, "postgres:", `${name}: PostgreSQL`);
      assert.equal(db.hostname, "postgres", `${name}: the compose PostgreSQL service`);
      assert.equal(db.password, vars.POSTGRES_PASSWORD);
      assert.equal(decodeURIComponent(db.pathname.slice(1)), c.services.postgres!.environment!.POSTGRES_DB);
      assert.equal(db.username, c.services.postgres!.environment!.POSTGRES_USER);
      assert.equal(cfg.natsUrl, "nats://nats:4222", `${name}: the compose NATS service`);
      assert.ok(cfg.maxConnectionAgeMs > 0, `${name}: connections age out so workers rebalance`);
      assert.ok(cfg.tlsNames.includes("lb") && cfg.tlsNames.includes(name), `${name}: certificate names the load balancer and the replica`);
      assert.equal(cfg.httpAddr.port, 8080);
      assert.equal(cfg.grpcAddr.port, 50051);
      // The load balancer's fixed address is a trusted proxy.
      const lbAddr = (c.services.lb!.networks as Record<string, { ipv4_address: string }>).flotilla!.ipv4_address;
      assert.ok(env.FLOTILLA_TRUSTED_PROXIES!.split(",").includes(lbAddr), `${name} trusts HAProxy at ${lbAddr}`);
      assert.ok(lbAddr.startsWith(c.networks.flotilla!.ipam.config[0]!.subnet.replace(/\.0\/24$/, ".")), "HAProxy's address is in the network");
      assert.ok(
        cfg.enrollRateLimit >= 100 && cfg.grpcMaxConnectionsPerSource >= 10_000,
        `${name}: per-source limits hold a fleet behind one TCP proxy`,
      );
      // Each replica its own data dir.
      const data = svc.volumes!.find((v) => v.endsWith(":/var/lib/flotilla"))!;
      assert.ok(!volumes.has(data), `${name} has its own data volume`);
      volumes.add(data);
      const deps = svc.depends_on as Record<string, { condition: string }>;
      assert.equal(deps.postgres?.condition, "service_healthy", `${name} waits for PostgreSQL`);
      assert.ok(deps.nats, `${name} starts after NATS`);
      assert.equal(env.FLOTILLA_ADVERTISE_GRPC_ADDR, "lb:50051", "join commands name the load balancer");
    }

    const cfg = readFileSync(HAPROXY_CFG, "utf8");
    const mount = c.services.lb!.volumes!.find((v) => v.includes("haproxy.cfg"))!;
    assert.equal(join(ROOT, "deploy", mount.split(":")[0]!), HAPROXY_CFG);
    const b = backends(cfg);
    assert.deepEqual(
      b.get("masters_grpc")!.map((s) => `${s.host}:${s.port}`),
      names.map((n) => `${n}:50051`),
    );
    assert.deepEqual(
      b.get("masters_http")!.map((s) => `${s.host}:${s.port}`),
      names.map((n) => `${n}:8080`),
    );
    assert.deepEqual(c.services.lb!.ports!.sort(), ["50051:50051", "8080:8080", "8404:8404"]);

    const promFile = c.services.prometheus!.volumes!.find((v) => v.includes("replicas.yml"))!.split(":")[0]!;
    const prom = yaml.load(readFileSync(join(ROOT, "deploy", promFile), "utf8")) as {
      scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
    };
    const job = prom.scrape_configs.find((j) => j.job_name === "flotilla")!;
    assert.deepEqual(
      job.static_configs.flatMap((s) => s.targets).sort(),
      names.map((n) => `${n}:8080`),
      "Prometheus scrapes every replica, not the load balancer",
    );

    const worker = c.services.worker!;
    assert.deepEqual(worker.profiles, ["worker"]);
    assert.equal(worker.environment!.FLOTILLA_MASTER, "lb:50051");
    for (const k of Object.keys(worker.environment!)) assert.ok(SPEC_ENV.includes(k), `worker: ${k} is in SPEC.md`);
  });
});

/** freePort asks the kernel for an unused TCP port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

/** metric reads one series' value from a replica's /metrics (0 when absent). */
async function metric(m: MasterProc, re: RegExp): Promise<number> {
  const text = await (await fetch(`${m.http}/metrics`)).text();
  return text
    .split("\n")
    .filter((l) => re.test(l))
    .reduce((sum, l) => sum + Number(l.split(" ").at(-1)), 0);
}

describe("deploy: the HAProxy config in front of three real replicas (PostgreSQL + NATS)", function () {
  this.timeout(240_000);
  let db: Awaited<ReturnType<typeof postgresDatabase>>;
  const reps: Record<string, MasterProc> = {};
  let hap: ChildProcess | undefined;
  let hapOut = "";
  let w: (Proc & { stateDir: string }) | undefined;
  let feed: Feed | undefined;
  let lb = { http: "", grpc: "" };
  let dir: string;

  before(async function () {
    await requireNats(this);
    db = await postgresDatabase();
    // The first replica creates the cluster's identity; the others adopt it.
    reps["master-a"] = await startReplica(db.url);
    [reps["master-b"], reps["master-c"]] = await Promise.all([startReplica(db.url), startReplica(db.url)]);
    // The shipped config with the compose addresses mapped onto this host.
    const [g, h, s] = [await freePort(), await freePort(), await freePort()];
    let cfg = readFileSync(HAPROXY_CFG, "utf8")
      .replace(/^(\s+bind) :50051$/m, `$1 127.0.0.1:${g}`)
      .replace(/^(\s+bind) :8080$/m, `$1 127.0.0.1:${h}`)
      .replace(/^(\s+bind) :8404$/m, `$1 127.0.0.1:${s}`);
    for (const [name, m] of Object.entries(reps)) {
      const httpPort = new URL(m.http).port;
      cfg = cfg
        .replace(`server ${name} ${name}:50051`, `server ${name} ${m.grpc} port ${httpPort}`)
        .replace(`server ${name} ${name}:8080`, `server ${name} 127.0.0.1:${httpPort}`);
    }
    assert.doesNotMatch(cfg, /master-[abc]:\d+|bind :/, "every address was mapped");
    dir = mkdtempSync(join(tmpdir(), "flotilla-haproxy-"));
    writeFileSync(join(dir, "haproxy.cfg"), cfg);
    const check = sh("haproxy", ["-c", "-f", join(dir, "haproxy.cfg")]);
    assert.equal(check.status, 0, check.stdout + check.stderr);
    assert.doesNotMatch(check.stdout + check.stderr, /\[WARNING\]/, "no warnings once the replicas resolve");
    hap = spawn("haproxy", ["-db", "-f", join(dir, "haproxy.cfg")], { stdio: ["ignore", "pipe", "pipe"] });
    hap.stdout!.on("data", (d: Buffer) => (hapOut += d.toString()));
    hap.stderr!.on("data", (d: Buffer) => (hapOut += d.toString()));
    lb = { http: `http://127.0.0.1:${h}`, grpc: `127.0.0.1:${g}` };
    // Up once the health checks have passed for every replica.
    await waitFor(
      async () => {
        const stats = await (await fetch(`http://127.0.0.1:${s}/stats;csv`)).text();
        const up = stats.split("\n").filter((l) => /^masters_(grpc|http),master-[abc],/.test(l) && l.split(",")[17] === "UP");
        return up.length === 6;
      },
      30_000,
      "HAProxy marking all six servers UP",
      250,
    ).catch((err: Error) => assert.fail(`${err.message}\n${hapOut.slice(-2000)}`));
  });

  after(async () => {
    feed?.close();
    await w?.kill("SIGKILL");
    hap?.kill("SIGKILL");
    for (const m of Object.values(reps)) await m.kill("SIGKILL");
    for (const m of Object.values(reps)) rmSync(m.dataDir, { recursive: true, force: true });
    if (dir) rmSync(dir, { recursive: true, force: true });
    await db?.cleanup();
  });

  it("HTTP through HAProxy: a login through it works on every replica, requests go round robin to all three", async () => {
    const api = await ApiClient.login(lb.http, "admin", "correct horse battery staple");
    const before = await Promise.all(
      Object.values(reps).map((m) => metric(m, /^http_request_duration_seconds_count\{.*route="\/api\/v1\/fleet\/status"/)),
    );
    for (let i = 0; i < 9; i++) {
      const r = await api.call<{ total: number }>("GET", "/fleet/status");
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
    const after = await Promise.all(
      Object.values(reps).map((m) => metric(m, /^http_request_duration_seconds_count\{.*route="\/api\/v1\/fleet\/status"/)),
    );
    const served = after.map((a, i) => a - before[i]!);
    assert.equal(
      served.reduce((x, y) => x + y, 0),
      9,
    );
    for (const [i, n] of served.entries()) assert.ok(n >= 1, `replica ${Object.keys(reps)[i]} served ${n} of 9 (${served.join(", ")})`);
  });

  it("gRPC through HAProxy (TCP, mutual TLS end to end): a worker enrolls and comes online; the feed through HAProxy sees it", async () => {
    const api = await ApiClient.login(lb.http, "admin", "correct horse battery staple");
    // A WebSocket feed through the load balancer, on whichever replica it picks.
    feed = await openFeed(lb.http, api.token);
    const tok = await api.post<{ token: string }>("/enrollment-tokens", { name: "via-lb" });
    w = startWorker({ grpc: lb.grpc }, { token: tok.token });
    const online = await feed.waitFor((e) => e.type === "node.online", 60_000, "node.online through HAProxy");
    const node = await waitFor(
      async () => (await api.get<{ items: { id: string; status: string }[] }>("/nodes")).items.find((n) => n.status === "online"),
      15_000,
      "node online",
    );
    assert.equal(online.node_id, node.id);
    // Exactly one replica holds the session.
    const sessions = await Promise.all(Object.values(reps).map((m) => metric(m, /^flotilla_grpc_sessions /)));
    assert.equal(
      sessions.reduce((x, y) => x + y, 0),
      1,
      `sessions per replica: ${sessions.join(", ")}`,
    );
  });

  it("SIGKILL of the replica holding the worker: HAProxy takes it out, requests keep succeeding, the worker reconnects through it to another replica", async () => {
    const names = Object.keys(reps);
    const sessions = await Promise.all(Object.values(reps).map((m) => metric(m, /^flotilla_grpc_sessions /)));
    const holder = names[sessions.indexOf(1)]!;
    const connects = () => w!.lines.filter((l) => l.includes('"connected to master"')).length;
    const before = connects();
    await reps[holder]!.kill("SIGKILL");
    const api = await ApiClient.login(lb.http, "admin", "correct horse battery staple").catch(async () => {
      // A login that landed on the dead replica before the check marked it down.
      await new Promise((r) => setTimeout(r, 5_000));
      return ApiClient.login(lb.http, "admin", "correct horse battery staple");
    });
    // fall 2 × inter 2 s: down within about 4 s (plus the check timeout).
    await new Promise((r) => setTimeout(r, 8_000));
    for (let i = 0; i < 12; i++) {
      const r = await api.call("GET", "/fleet/status");
      assert.equal(r.status, 200, `request ${i} after ${holder} died: ${r.status}`);
    }
    await waitFor(async () => connects() > before, 60_000, "the worker reconnecting through HAProxy", 250).catch((err: Error) =>
      assert.fail(`${err.message}\n${w!.lines.slice(-8).join("\n")}`),
    );
    const alive = names.filter((n) => n !== holder);
    await waitFor(
      async () => (await Promise.all(alive.map((n) => metric(reps[n]!, /^flotilla_grpc_sessions /)))).reduce((x, y) => x + y, 0) === 1,
      30_000,
      "the session on a surviving replica",
      250,
    );
    assert.equal(w!.lines.filter((l) => l.includes('"enrolled"')).length, 1, "no re-enrollment");
  });
});
