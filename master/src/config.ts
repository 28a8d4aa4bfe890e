import { join, resolve } from "node:path";
import { ConfigError, LOG_LEVELS, parse, resolveConfig, type LogLevel } from "@flotilla/shared";
import { parseTrustedProxies, type TrustedProxies } from "./http/middleware/forwarded.js";
import { parseAllowList, type AllowList } from "./webhooks/ssrf.js";

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
  /** Largest gRPC request message (Push, Session), bytes. */
  grpcMaxMessageBytes: number;
  /** Largest Enroll request, bytes. */
  enrollMaxMessageBytes: number;
  /** Concurrent streams per gRPC connection. */
  grpcMaxStreams: number;
  /** gRPC connections on which no node authenticated, open at once from one source address. */
  grpcMaxConnectionsPerSource: number;
  /** Enroll calls handled at once from one source address. */
  enrollMaxConcurrentPerSource: number;
  /** Enroll calls handled at once in total. */
  enrollMaxConcurrent: number;
  /** New Session streams admitted per second (a restart storm is spread over time). */
  grpcSessionRate: number;
  /** Session streams admitted at once before the rate applies. */
  grpcSessionBurst: number;
  /** Telemetry pushes handled at once; beyond it pushes are refused with a retry hint. */
  grpcMaxPushes: number;
  /** Event-loop delay (p99 over the last second) above which telemetry pushes are refused. */
  grpcShedLagMs: number;
  /** Failed password checks allowed per client address per minute. */
  loginLimitPerAddress: number;
  /** Failed password checks allowed per account from one address per minute. */
  loginLimitPerAccount: number;
  /** Export per-container gauges on /metrics (cardinality). */
  containerMetrics: boolean;
  /** Recent metric history kept in memory per node. */
  metricsRetentionMs: number;
  /** Loopback/private hosts, addresses and CIDR ranges outbound webhooks may reach. */
  webhookAllowedHosts: AllowList;
  /** Delays before each webhook retry (attempts = length + 1). */
  webhookRetryScheduleMs: number[];
  /** Timeout of one webhook attempt, connect to last byte. */
  webhookTimeoutMs: number;
  /** Deliveries in flight per webhook endpoint. */
  webhookConcurrency: number;
  /** A webhook failing this long without a success is disabled. */
  webhookDisableAfterMs: number;
  /** Base URL of the web UI used in links of notifications (default http://<http-addr>). */
  publicUrl?: string;
  /** NATS server(s) joining this master to its replicas (cluster mode; needs PostgreSQL). */
  natsUrl?: string;
  /** gRPC connections are closed (GOAWAY) after this age ±10 %, so workers spread over replicas again; 0 = never. */
  maxConnectionAgeMs: number;
  /** SMTP server for email channels, smtp://[user:pass@]host:port or smtps://… */
  smtpUrl?: string;
  /** Sender address of notification email. */
  smtpFrom: string;
  /** Require STARTTLS on smtp:// connections. */
  smtpRequireTls: boolean;
  /** WebSocket connections (feed and log follows) open at once per user or API key. */
  wsMaxPerUser: number;
  /** Absolute lifetime of a login session; refreshes never extend it further. */
  sessionMaxLifetimeMs: number;
  /** Stored events older than this are pruned. */
  eventRetentionMs: number;
  /** Audit entries older than this are pruned. */
  auditRetentionMs: number;
  /** Enrollment attempts older than this are pruned. */
  enrollmentAttemptRetentionMs: number;
  /** HTTP peers (reverse proxies) whose X-Forwarded-For/-Proto/-Host are believed; empty = none. */
  trustedProxies: TrustedProxies;
  /** How long a node's previous certificate keeps authenticating after it renewed. */
  certRenewalOverlapMs: number;
}

const DAY = 24 * 3_600_000;

/** MASTER_SETTINGS are the settings with their flags, environment variables and help. */
export const MASTER_SETTINGS = {
  httpAddr: {
    flag: "http-addr",
    env: "FLOTILLA_HTTP_ADDR",
    default: { host: "0.0.0.0", port: 8080 },
    parse: parse.hostPort,
    help: "REST, WebSocket, UI and /metrics listener (default 0.0.0.0:8080)",
  },
  grpcAddr: {
    flag: "grpc-addr",
    env: "FLOTILLA_GRPC_ADDR",
    default: { host: "0.0.0.0", port: 50051 },
    parse: parse.hostPort,
    help: "gRPC listener for workers (default 0.0.0.0:50051)",
  },
  dataDir: {
    flag: "data-dir",
    env: "FLOTILLA_DATA_DIR",
    default: "./data",
    parse: parse.string,
    help: "data directory: CA, SQLite file (default ./data)",
  },
  databaseUrl: {
    flag: "database-url",
    env: "FLOTILLA_DATABASE_URL",
    default: "",
    parse: parseDatabaseUrl,
    help: "file:/path.db or postgres://... (default: SQLite in the data dir)",
  },
  logLevel: {
    flag: "log-level",
    env: "FLOTILLA_LOG_LEVEL",
    default: "info" as LogLevel,
    parse: parse.oneOf(LOG_LEVELS),
    help: "trace, debug, info, warn, error, fatal or silent (default info)",
  },
  grpcInsecure: {
    flag: "grpc-insecure",
    env: "FLOTILLA_GRPC_INSECURE",
    default: false,
    parse: parse.bool,
    boolean: true,
    help: "serve gRPC without TLS, for debugging only",
  },
  tlsNames: {
    flag: "tls-names",
    env: "FLOTILLA_TLS_NAMES",
    default: [] as string[],
    parse: (r: string) =>
      r
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    help: "extra DNS names/IPs for the master certificate, comma-separated",
  },
  advertiseGrpcAddr: {
    flag: "advertise-grpc-addr",
    env: "FLOTILLA_ADVERTISE_GRPC_ADDR",
    default: undefined as string | undefined,
    parse: (r: string) => (parse.hostPort(r), r),
    help: "HOST:PORT put into join commands",
  },
  heartbeatIntervalMs: {
    flag: "heartbeat-interval",
    env: "FLOTILLA_HEARTBEAT_INTERVAL",
    default: 5000,
    parse: bounded(parse.durationMs, 200, 60_000),
    help: "base worker heartbeat interval (default 5s)",
  },
  heartbeatGraceMs: {
    flag: "heartbeat-grace",
    env: "FLOTILLA_HEARTBEAT_GRACE",
    default: 10_000,
    parse: bounded(parse.durationMs, 100, 120_000),
    help: "grace before a silent node goes offline (default 10s)",
  },
  enrollRateLimit: {
    flag: "enroll-rate-limit",
    env: "FLOTILLA_ENROLL_RATE_LIMIT",
    default: 10,
    parse: parse.int(1, 100_000),
    help: "enrollment attempts per source address per minute (default 10)",
  },
  grpcMaxMessageBytes: {
    flag: "grpc-max-message",
    env: "FLOTILLA_GRPC_MAX_MESSAGE",
    default: 8 * 1024 * 1024,
    parse: parse.int(64 * 1024, 64 * 1024 * 1024),
    help: "largest gRPC request message in bytes (default 8 MiB)",
  },
  enrollMaxMessageBytes: {
    flag: "enroll-max-message",
    env: "FLOTILLA_ENROLL_MAX_MESSAGE",
    default: 32 * 1024,
    parse: parse.int(4 * 1024, 1024 * 1024),
    help: "largest Enroll request in bytes (default 32 KiB)",
  },
  grpcMaxStreams: {
    flag: "grpc-max-streams",
    env: "FLOTILLA_GRPC_MAX_STREAMS",
    default: 16,
    parse: parse.int(2, 1000),
    help: "concurrent streams per gRPC connection (default 16)",
  },
  grpcMaxConnectionsPerSource: {
    flag: "grpc-max-connections-per-source",
    env: "FLOTILLA_GRPC_MAX_CONNECTIONS_PER_SOURCE",
    default: 256,
    parse: parse.int(1, 100_000),
    help: "gRPC connections without an authenticated node open at once per source address (default 256)",
  },
  enrollMaxConcurrentPerSource: {
    flag: "enroll-max-concurrent-per-source",
    env: "FLOTILLA_ENROLL_MAX_CONCURRENT_PER_SOURCE",
    default: 16,
    parse: parse.int(1, 10_000),
    help: "Enroll calls handled at once per source address (default 16)",
  },
  enrollMaxConcurrent: {
    flag: "enroll-max-concurrent",
    env: "FLOTILLA_ENROLL_MAX_CONCURRENT",
    default: 64,
    parse: parse.int(1, 100_000),
    help: "Enroll calls handled at once in total (default 64)",
  },
  grpcSessionRate: {
    flag: "grpc-session-rate",
    env: "FLOTILLA_GRPC_SESSION_RATE",
    default: 200,
    parse: parse.int(1, 100_000),
    help: "new worker sessions admitted per second; beyond it RESOURCE_EXHAUSTED with a retry hint (default 200)",
  },
  grpcSessionBurst: {
    flag: "grpc-session-burst",
    env: "FLOTILLA_GRPC_SESSION_BURST",
    default: 400,
    parse: parse.int(1, 1_000_000),
    help: "worker sessions admitted at once before the session rate applies (default 400)",
  },
  grpcMaxPushes: {
    flag: "grpc-max-pushes",
    env: "FLOTILLA_GRPC_MAX_PUSHES",
    default: 512,
    parse: parse.int(1, 100_000),
    help: "telemetry pushes handled at once; beyond it RESOURCE_EXHAUSTED with a retry hint (default 512)",
  },
  grpcShedLagMs: {
    flag: "grpc-shed-lag",
    env: "FLOTILLA_GRPC_SHED_LAG",
    default: 500,
    parse: bounded(parse.durationMs, 10, 60_000),
    help: "event-loop delay (p99 over 1 s) above which telemetry pushes are refused (default 500ms)",
  },
  loginLimitPerAddress: {
    flag: "login-limit-per-address",
    env: "FLOTILLA_LOGIN_LIMIT_PER_ADDRESS",
    default: 30,
    parse: parse.int(1, 100_000),
    help: "failed password checks per client address per minute (default 30)",
  },
  loginLimitPerAccount: {
    flag: "login-limit-per-account",
    env: "FLOTILLA_LOGIN_LIMIT_PER_ACCOUNT",
    default: 10,
    parse: parse.int(1, 100_000),
    help: "failed password checks per account from one address per minute (default 10)",
  },
  nodeCertTtlMs: {
    flag: "node-cert-ttl",
    env: "FLOTILLA_NODE_CERT_TTL",
    default: 30 * 24 * 3_600_000,
    parse: bounded(parse.durationMs, 60_000, 365 * 24 * 3_600_000),
    help: "lifetime of node certificates (default 30 days)",
  },
  containerMetrics: {
    flag: "container-metrics",
    env: "FLOTILLA_CONTAINER_METRICS",
    default: false,
    parse: parse.bool,
    boolean: true,
    help: "export per-container gauges on /metrics",
  },
  webhookAllowedHosts: {
    flag: "webhook-allowed-hosts",
    env: "FLOTILLA_WEBHOOK_ALLOWED_HOSTS",
    default: parseAllowList(""),
    parse: parseAllowList,
    help: "loopback/private hosts, addresses or CIDR ranges webhooks may reach, comma-separated",
  },
  webhookRetryScheduleMs: {
    flag: "webhook-retry-schedule",
    env: "FLOTILLA_WEBHOOK_RETRY_SCHEDULE",
    default: [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000],
    parse: durationList,
    help: "delays before each webhook retry (default 5s,5m,30m,2h,5h,10h,10h)",
  },
  webhookTimeoutMs: {
    flag: "webhook-timeout",
    env: "FLOTILLA_WEBHOOK_TIMEOUT",
    default: 10_000,
    parse: bounded(parse.durationMs, 100, 60_000),
    help: "timeout of one webhook attempt (default 10s)",
  },
  webhookConcurrency: {
    flag: "webhook-concurrency",
    env: "FLOTILLA_WEBHOOK_CONCURRENCY",
    default: 8,
    parse: parse.int(1, 64),
    help: "webhook deliveries in flight per endpoint (default 8)",
  },
  webhookDisableAfterMs: {
    flag: "webhook-disable-after",
    env: "FLOTILLA_WEBHOOK_DISABLE_AFTER",
    default: 3 * 24 * 3_600_000,
    parse: bounded(parse.durationMs, 1_000, 30 * 24 * 3_600_000),
    help: "disable a webhook failing this long (default 72h)",
  },
  publicUrl: {
    flag: "public-url",
    env: "FLOTILLA_PUBLIC_URL",
    default: undefined as string | undefined,
    parse: parseHttpUrl,
    help: "base URL of the web UI for links in notifications",
  },
  natsUrl: {
    flag: "nats-url",
    env: "FLOTILLA_NATS_URL",
    default: undefined as string | undefined,
    parse: parseNatsUrl,
    help: "NATS server(s), nats://host:4222[,nats://…]: join the other master replicas on the same PostgreSQL database",
  },
  maxConnectionAgeMs: {
    flag: "max-connection-age",
    env: "FLOTILLA_MAX_CONNECTION_AGE",
    default: undefined as number | undefined,
    parse: (r: string) => {
      const v = parse.durationMs(r);
      if (v !== 0 && (v < 1_000 || v > 7 * 24 * 3_600_000)) throw new Error("must be 0 (never) or between 1s and 7 days");
      return v;
    },
    help: "close gRPC connections after this age (±10 % jitter) so workers rebalance across replicas; 0 = never (default 30m with --nats-url, else 0)",
  },
  smtpUrl: {
    flag: "smtp-url",
    env: "FLOTILLA_SMTP_URL",
    default: undefined as string | undefined,
    parse: parseSmtpUrl,
    help: "SMTP server for email channels, smtp://[user:pass@]host:port or smtps://...",
  },
  smtpFrom: {
    flag: "smtp-from",
    env: "FLOTILLA_SMTP_FROM",
    default: "flotilla@localhost",
    parse: (r: string) => {
      if (!/^[^\s@<>]+@[^\s@<>]+$/.test(r)) throw new Error("expected an email address");
      return r;
    },
    help: "sender address of notification email (default flotilla@localhost)",
  },
  smtpRequireTls: {
    flag: "smtp-require-tls",
    env: "FLOTILLA_SMTP_REQUIRE_TLS",
    default: false,
    parse: parse.bool,
    boolean: true,
    help: "require STARTTLS on smtp:// connections",
  },
  wsMaxPerUser: {
    flag: "ws-max-per-user",
    env: "FLOTILLA_WS_MAX_PER_USER",
    default: 32,
    parse: parse.int(1, 10_000),
    help: "WebSocket connections (feed and log follows) open at once per user or API key (default 32)",
  },
  sessionMaxLifetimeMs: {
    flag: "session-max-lifetime",
    env: "FLOTILLA_SESSION_MAX_LIFETIME",
    default: 30 * DAY,
    parse: bounded(parse.durationMs, 3_600_000, 365 * DAY),
    help: "absolute lifetime of a login session, however often refreshed (default 30d)",
  },
  eventRetentionMs: {
    flag: "event-retention",
    env: "FLOTILLA_EVENT_RETENTION",
    default: 14 * DAY,
    parse: bounded(parse.durationMs, 3_600_000, 3650 * DAY),
    help: "stored events are pruned after this (default 14d)",
  },
  auditRetentionMs: {
    flag: "audit-retention",
    env: "FLOTILLA_AUDIT_RETENTION",
    default: 365 * DAY,
    parse: bounded(parse.durationMs, DAY, 3650 * DAY),
    help: "audit entries are pruned after this (default 365d)",
  },
  enrollmentAttemptRetentionMs: {
    flag: "enrollment-attempt-retention",
    env: "FLOTILLA_ENROLLMENT_ATTEMPT_RETENTION",
    default: 30 * DAY,
    parse: bounded(parse.durationMs, 3_600_000, 3650 * DAY),
    help: "enrollment attempts are pruned after this (default 30d)",
  },
  trustedProxies: {
    flag: "trusted-proxies",
    env: "FLOTILLA_TRUSTED_PROXIES",
    default: parseTrustedProxies(""),
    parse: parseTrustedProxies,
    help: "reverse proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For/-Proto/-Host are believed (default: none)",
  },
  certRenewalOverlapMs: {
    flag: "cert-renewal-overlap",
    env: "FLOTILLA_CERT_RENEWAL_OVERLAP",
    default: 10 * 60_000,
    parse: bounded(parse.durationMs, 0, DAY),
    help: "how long a node's previous certificate still authenticates after renewal, then it is revoked (default 10m)",
  },
  metricsRetentionMs: {
    flag: "metrics-retention",
    env: "FLOTILLA_METRICS_RETENTION",
    default: 3_600_000,
    parse: bounded(parse.durationMs, 60_000, 24 * 3_600_000),
    help: "recent metric samples kept in memory (default 1h)",
  },
};

function bounded(p: (raw: string) => number, min: number, max: number) {
  return (raw: string) => {
    const v = p(raw);
    if (v < min || v > max) throw new Error(`must be between ${min} ms and ${max} ms`);
    return v;
  };
}

function durationList(raw: string): number[] {
  const list = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map(parse.durationMs);
  if (list.length < 1 || list.length > 20) throw new Error("expected 1 to 20 comma-separated durations");
  return list;
}

function parseHttpUrl(raw: string): string {
  if (!/^https?:\/\/[^\s]+$/.test(raw)) throw new Error("expected an http:// or https:// URL");
  return raw.replace(/\/+$/, "");
}

function parseSmtpUrl(raw: string): string {
  if (!/^smtps?:\/\/[^\s]+$/.test(raw)) throw new Error("expected smtp://host:port or smtps://host:port");
  return raw;
}

function parseNatsUrl(raw: string): string {
  const urls = raw.split(",").map((u) => u.trim());
  if (!urls.every((u) => /^(nats|tls):\/\/[^\s/]+\/?$/.test(u))) throw new Error("expected nats://host:port (comma-separated for several servers)");
  return urls.join(",");
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
  if (c.natsUrl && !/^postgres(ql)?:\/\//.test(c.databaseUrl))
    throw new ConfigError("--nats-url", "replicas share their state through PostgreSQL: set --database-url postgres://… too");
  return {
    ...c,
    dataDir,
    maxConnectionAgeMs: c.maxConnectionAgeMs ?? (c.natsUrl ? 30 * 60_000 : 0),
    databaseUrl: c.databaseUrl || `file:${join(dataDir, "flotilla.db")}`,
    adminPassword: env.FLOTILLA_ADMIN_PASSWORD || undefined,
  };
}
