import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ConfigError, LOG_LEVELS, parse, parseJoinToken, resolveConfig, type LogLevel } from "@flotilla/shared";

/** WorkerConfig is the worker's validated configuration (SPEC §1). */
export interface WorkerConfig {
  /** Master gRPC address. */
  master: { host: string; port: number };
  /** Join token; only used when the state dir holds no identity. */
  joinToken?: string;
  /** Absolute path of the state dir (identity, spool). */
  stateDir: string;
  labels: Record<string, string>;
  dockerSocket: string;
  logLevel: LogLevel;
  metricsIntervalMs: number;
  spoolMaxBytes: number;
  spoolMaxAgeMs: number;
  procRoot: string;
  sysRoot: string;
  hostRoot: string;
  disableCollectors: string[];
  allowContainerActions: boolean;
  /** Plaintext gRPC; only works against a master started with its plaintext flag. */
  insecure: boolean;
  /** Overrides the machine id read from the host (cloned VM simulation). */
  machineId?: string;
}

const MIB = 1024 * 1024;

function bounded(p: (raw: string) => number, min: number, max: number, unit: string) {
  return (raw: string) => {
    const v = p(raw);
    if (v < min || v > max) throw new Error(`must be between ${min} ${unit} and ${max} ${unit}`);
    return v;
  };
}

/** parseBytes reads a size like 64MiB, 512KiB, 1GiB, 10MB or a bare byte count. */
export function parseBytes(raw: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i.exec(raw.trim());
  if (!m) throw new Error(`expected a size like 64MiB, got "${raw}"`);
  const unit = (m[2] ?? "b").toLowerCase();
  const mult: Record<string, number> = {
    b: 1,
    k: 1024,
    kb: 1000,
    kib: 1024,
    m: MIB,
    mb: 1e6,
    mib: MIB,
    g: 1024 * MIB,
    gb: 1e9,
    gib: 1024 * MIB,
  };
  return Math.floor(Number(m[1]) * mult[unit]!);
}

function parseList(raw: string): string[] {
  return raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function parseToken(raw: string): string {
  if (!parseJoinToken(raw)) throw new Error("malformed join token (expected flt1.<id>.<secret>.<ca sha256>)");
  return raw.trim();
}

/** WORKER_SETTINGS are the settings with their flags, environment variables and help. */
export const WORKER_SETTINGS = {
  master: {
    flag: "master",
    env: "FLOTILLA_MASTER",
    default: undefined as { host: string; port: number } | undefined,
    parse: parse.hostPort,
    help: "HOST:PORT of the master gRPC listener (required)",
  },
  joinToken: {
    flag: "join-token",
    env: "FLOTILLA_JOIN_TOKEN",
    default: undefined as string | undefined,
    parse: parseToken,
    help: "join token, used only for the first start",
  },
  joinTokenFile: {
    flag: "join-token-file",
    env: "FLOTILLA_JOIN_TOKEN_FILE",
    default: undefined as string | undefined,
    parse: parse.string,
    help: "read the join token from this file (- = standard input), so it is in no command line or environment",
  },
  stateDir: {
    flag: "state-dir",
    env: "FLOTILLA_STATE_DIR",
    default: "./worker-state",
    parse: parse.string,
    help: "identity, private key and spool (default ./worker-state)",
  },
  labels: {
    flag: "labels",
    env: "FLOTILLA_LABELS",
    default: {} as Record<string, string>,
    parse: parse.labels,
    help: "k=v,k2=v2 merged over the token labels",
  },
  dockerSocket: {
    flag: "docker-socket",
    env: "FLOTILLA_DOCKER_SOCKET",
    default: "/var/run/docker.sock",
    parse: parse.string,
    help: "Docker engine socket (default /var/run/docker.sock)",
  },
  logLevel: {
    flag: "log-level",
    env: "FLOTILLA_LOG_LEVEL",
    default: "info" as LogLevel,
    parse: parse.oneOf(LOG_LEVELS),
    help: "trace, debug, info, warn, error, fatal or silent (default info)",
  },
  metricsIntervalMs: {
    flag: "metrics-interval",
    env: "FLOTILLA_METRICS_INTERVAL",
    default: 15_000,
    parse: bounded(parse.durationMs, 100, 3_600_000, "ms"),
    help: "metric collection interval (default 15s)",
  },
  spoolMaxBytes: {
    flag: "spool-max-bytes",
    env: "FLOTILLA_SPOOL_MAX_BYTES",
    default: 64 * MIB,
    parse: bounded(parseBytes, 1024, 1024 * 1024 * MIB, "bytes"),
    help: "unacknowledged telemetry kept on disk (default 64MiB)",
  },
  spoolMaxAgeMs: {
    flag: "spool-max-age",
    env: "FLOTILLA_SPOOL_MAX_AGE",
    default: 24 * 3_600_000,
    parse: bounded(parse.durationMs, 1000, 30 * 24 * 3_600_000, "ms"),
    help: "oldest spooled batch kept (default 24h)",
  },
  procRoot: { flag: "proc-root", env: "FLOTILLA_PROC_ROOT", default: "/proc", parse: parse.string, help: "host /proc (default /proc)" },
  sysRoot: { flag: "sys-root", env: "FLOTILLA_SYS_ROOT", default: "/sys", parse: parse.string, help: "host /sys (default /sys)" },
  hostRoot: { flag: "host-root", env: "FLOTILLA_HOST_ROOT", default: "/", parse: parse.string, help: "host root filesystem (default /)" },
  disableCollectors: {
    flag: "disable-collectors",
    env: "FLOTILLA_DISABLE_COLLECTORS",
    default: [] as string[],
    parse: parseList,
    help: "any of cpu, memory, filesystem, network, system, containers",
  },
  allowContainerActions: {
    flag: "allow-container-actions",
    env: "FLOTILLA_ALLOW_CONTAINER_ACTIONS",
    default: true,
    parse: parse.bool,
    help: "false refuses container start/stop/restart (default true)",
  },
  insecure: {
    flag: "insecure",
    env: "FLOTILLA_INSECURE",
    default: false,
    parse: parse.bool,
    boolean: true,
    help: "plaintext gRPC, only against a master with --grpc-insecure",
  },
  machineId: {
    flag: "machine-id",
    env: "FLOTILLA_MACHINE_ID",
    default: undefined as string | undefined,
    parse: parse.string,
    help: "override the host machine id",
  },
};

/**
 * loadWorkerConfig resolves flags, environment and defaults (flag > env >
 * default) and validates them; throws ConfigError naming the bad setting.
 */
export function loadWorkerConfig(argv: string[], env: NodeJS.ProcessEnv): WorkerConfig {
  const c = resolveConfig(WORKER_SETTINGS, argv, env);
  if (!c.master) throw new ConfigError("--master", "required (HOST:PORT of the master's gRPC address; or FLOTILLA_MASTER)");
  if (c.master.port === 0) throw new ConfigError("--master", "port 0 is not a master address");
  const { joinTokenFile, ...rest } = c;
  // Flags override the environment; two sources at the same level are a mistake.
  const flagged = (f: string) => argv.some((a) => a === `--${f}` || a.startsWith(`--${f}=`));
  const fileFirst = flagged("join-token-file") || !flagged("join-token");
  if (joinTokenFile !== undefined && c.joinToken && flagged("join-token-file") === flagged("join-token"))
    throw new ConfigError("--join-token-file", "give the join token either in a file or with --join-token (FLOTILLA_JOIN_TOKEN), not both");
  const joinToken = joinTokenFile !== undefined && fileFirst ? readTokenFile(joinTokenFile) : c.joinToken;
  return { ...rest, joinToken, master: c.master, stateDir: resolve(c.stateDir) };
}

/** readTokenFile reads a join token from a file or, for `-`, from standard input (to its end). */
function readTokenFile(path: string): string {
  let raw: string;
  try {
    raw = readFileSync(path === "-" ? 0 : path, "utf8");
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new ConfigError("--join-token-file", `cannot read ${path === "-" ? "standard input" : path}: ${why}`);
  }
  try {
    return parseToken(raw.trim());
  } catch (err) {
    throw new ConfigError("--join-token-file", `${path === "-" ? "standard input" : path}: ${(err as Error).message}`);
  }
}
