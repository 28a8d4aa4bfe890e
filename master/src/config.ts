import { join, resolve } from "node:path";
import { LOG_LEVELS, parse, resolveConfig, type LogLevel } from "@flotilla/shared";

/** MasterConfig is the master's validated configuration (SPEC §1). */
export interface MasterConfig {
  httpAddr: { host: string; port: number };
  grpcAddr: { host: string; port: number };
  dataDir: string;
  /** `file:/abs/path.db` for SQLite or `postgres://…`. */
  databaseUrl: string;
  adminPassword?: string;
  logLevel: LogLevel;
  /** Serve gRPC without TLS (explicit opt-in, for debugging only). */
  grpcInsecure: boolean;
  /** Extra DNS names / IPs for the master's server certificate. */
  tlsNames: string[];
  /** Address workers are told to use in join commands, HOST:PORT. */
  advertiseGrpcAddr?: string;
  /** Base heartbeat interval (grows with fleet size). */
  heartbeatIntervalMs: number;
  /** Grace added to the heartbeat TTL before a node goes offline. */
  heartbeatGraceMs: number;
  /** Enrollment attempts allowed per source address per minute. */
  enrollRateLimit: number;
  /** Lifetime of node client certificates. */
  nodeCertTtlMs: number;
  /** Failed password checks allowed per client address per minute. */
  loginLimitPerAddress: number;
  /** Failed password checks allowed per account from one address per minute. */
  loginLimitPerAccount: number;
  /** Export per-container gauges on /metrics (cardinality). */
  containerMetrics: boolean;
  /** Recent metric history kept in memory per node. */
  metricsRetentionMs: number;
}

/** MASTER_SETTINGS are the settings with their flags, environment variables and help. */
export const MASTER_SETTINGS = {
  httpAddr: { flag: "http-addr", env: "FLOTILLA_HTTP_ADDR", default: { host: "0.0.0.0", port: 8080 }, parse: parse.hostPort, help: "REST, WebSocket, UI and /metrics listener (default 0.0.0.0:8080)" },
  grpcAddr: { flag: "grpc-addr", env: "FLOTILLA_GRPC_ADDR", default: { host: "0.0.0.0", port: 50051 }, parse: parse.hostPort, help: "gRPC listener for workers (default 0.0.0.0:50051)" },
  dataDir: { flag: "data-dir", env: "FLOTILLA_DATA_DIR", default: "./data", parse: parse.string, help: "data directory: CA, SQLite file (default ./data)" },
  databaseUrl: { flag: "database-url", env: "FLOTILLA_DATABASE_URL", default: "", parse: parseDatabaseUrl, help: "file:/path.db or postgres://... (default: SQLite in the data dir)" },
  logLevel: { flag: "log-level", env: "FLOTILLA_LOG_LEVEL", default: "info" as LogLevel, parse: parse.oneOf(LOG_LEVELS), help: "trace, debug, info, warn, error, fatal or silent (default info)" },
  grpcInsecure: { flag: "grpc-insecure", env: "FLOTILLA_GRPC_INSECURE", default: false, parse: parse.bool, boolean: true, help: "serve gRPC without TLS, for debugging only" },
  tlsNames: { flag: "tls-names", env: "FLOTILLA_TLS_NAMES", default: [] as string[], parse: (r: string) => r.split(",").map((s) => s.trim()).filter(Boolean), help: "extra DNS names/IPs for the master certificate, comma-separated" },
  advertiseGrpcAddr: { flag: "advertise-grpc-addr", env: "FLOTILLA_ADVERTISE_GRPC_ADDR", default: undefined as string | undefined, parse: (r: string) => (parse.hostPort(r), r), help: "HOST:PORT put into join commands" },
  heartbeatIntervalMs: { flag: "heartbeat-interval", env: "FLOTILLA_HEARTBEAT_INTERVAL", default: 5000, parse: bounded(parse.durationMs, 200, 60_000), help: "base worker heartbeat interval (default 5s)" },
  heartbeatGraceMs: { flag: "heartbeat-grace", env: "FLOTILLA_HEARTBEAT_GRACE", default: 10_000, parse: bounded(parse.durationMs, 100, 120_000), help: "grace before a silent node goes offline (default 10s)" },
  enrollRateLimit: { flag: "enroll-rate-limit", env: "FLOTILLA_ENROLL_RATE_LIMIT", default: 10, parse: parse.int(1, 100_000), help: "enrollment attempts per source address per minute (default 10)" },
  loginLimitPerAddress: { flag: "login-limit-per-address", env: "FLOTILLA_LOGIN_LIMIT_PER_ADDRESS", default: 30, parse: parse.int(1, 100_000), help: "failed password checks per client address per minute (default 30)" },
  loginLimitPerAccount: { flag: "login-limit-per-account", env: "FLOTILLA_LOGIN_LIMIT_PER_ACCOUNT", default: 10, parse: parse.int(1, 100_000), help: "failed password checks per account from one address per minute (default 10)" },
  nodeCertTtlMs: { flag: "node-cert-ttl", env: "FLOTILLA_NODE_CERT_TTL", default: 30 * 24 * 3_600_000, parse: bounded(parse.durationMs, 60_000, 365 * 24 * 3_600_000), help: "lifetime of node certificates (default 30 days)" },
  containerMetrics: { flag: "container-metrics", env: "FLOTILLA_CONTAINER_METRICS", default: false, parse: parse.bool, boolean: true, help: "export per-container gauges on /metrics" },
  metricsRetentionMs: { flag: "metrics-retention", env: "FLOTILLA_METRICS_RETENTION", default: 3_600_000, parse: bounded(parse.durationMs, 60_000, 24 * 3_600_000), help: "recent metric samples kept in memory (default 1h)" },
};

function bounded(p: (raw: string) => number, min: number, max: number) {
  return (raw: string) => {
    const v = p(raw);
    if (v < min || v > max) throw new Error(`must be between ${min} ms and ${max} ms`);
    return v;
  };
}

function parseDatabaseUrl(raw: string): string {
  if (/^postgres(ql)?:\/\/.+/.test(raw)) return raw;
  if (/^file:.+/.test(raw)) return raw;
  throw new Error("expected postgres://… or file:/path/to/db.sqlite");
}

/** loadMasterConfig resolves flags, environment and defaults; throws ConfigError. */
export function loadMasterConfig(argv: string[], env: NodeJS.ProcessEnv): MasterConfig {
  const c = resolveConfig(MASTER_SETTINGS, argv, env);
  const dataDir = resolve(c.dataDir);
  return {
    ...c,
    dataDir,
    databaseUrl: c.databaseUrl || `file:${join(dataDir, "flotilla.db")}`,
    adminPassword: env.FLOTILLA_ADMIN_PASSWORD || undefined,
  };
}
