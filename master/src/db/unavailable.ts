import { FlotillaError } from "@flotilla/shared";

/**
 * Prisma codes that mean the database did not answer: server unreachable,
 * timeouts, a closed connection, an exhausted pool, a transaction that could
 * not start or ended by timeout, too many connections.
 */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1011", "P1017", "P2024", "P2028", "P2037"]);

/** Driver adapter error kinds with the same meaning. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "SocketTimeout", "ConnectionClosed", "TooManyConnections", "TransactionAlreadyClosed"]);

/**
 * PostgreSQL SQLSTATE classes and codes: 08 connection exception, 53 insufficient
 * resources, 57014 query_canceled (statement_timeout), 57P01-57P03 server
 * shutting down or not accepting connections, 55P03 lock_not_available.
 */
const PG_STATE = /^(08|53)|^57014$|^57P0[123]$|^55P03$/;

/** SQLite result codes that mean the file cannot be used right now. */
const SQLITE_CODES = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|PROTOCOL|NOMEM)/;

/** Socket error codes of a connection that failed or broke. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);

/**
 * node-postgres reports its own timeouts and dropped connections without a
 * code; these are its fixed messages (pg/lib/client.js, pg-pool).
 */
const PG_CLIENT_MESSAGES = [
  "Query read timeout",
  "timeout exceeded when trying to connect",
  "Connection terminated",
  "Client has encountered a connection error and is not queryable",
  "Client was closed and is not queryable",
];

/** unavailableReason names why err means "the database did not answer", or returns undefined. */
function unavailableReason(err: unknown, depth = 0): string | undefined {
  if (depth > 6 || typeof err !== "object" || err === null) return undefined;
  const e = err as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    cause?: unknown;
    meta?: { driverAdapterError?: unknown };
    errorCode?: unknown;
  };
  const code = typeof e.code === "string" ? e.code : undefined;
  if (code && (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLITE_CODES.test(code) || PG_STATE.test(code))) return code;
  if (e.name === "PrismaClientInitializationError") return "initialization";
  const cause = e.cause as { kind?: unknown; originalCode?: unknown } | undefined;
  if (e.name === "DriverAdapterError" && cause) {
    if (typeof cause.kind === "string" && ADAPTER_KINDS.has(cause.kind)) return cause.kind;
    if (typeof cause.originalCode === "string" && (PG_STATE.test(cause.originalCode) || SQLITE_CODES.test(cause.originalCode)))
      return cause.originalCode;
  }
  if (typeof e.message === "string" && PG_CLIENT_MESSAGES.some((m) => (e.message as string).startsWith(m))) return "client timeout";
  return unavailableReason(e.meta?.driverAdapterError, depth + 1) ?? unavailableReason(e.cause, depth + 1);
}

/** DB_RETRY_AFTER_S is the Retry-After (seconds) given with a database outage. */
export const DB_RETRY_AFTER_S = 2;

/**
 * dbUnavailable converts an error that means the database is unreachable,
 * timed out or locked into the `unavailable` FlotillaError (503 / gRPC
 * UNAVAILABLE); anything else is returned unchanged.
 */
export function dbUnavailable(err: unknown): unknown {
  if (err instanceof FlotillaError) return err;
  const reason = unavailableReason(err);
  if (reason === undefined) return err;
  return new FlotillaError("unavailable", "the database is not answering; retry shortly", [], { cause: err });
}

/** isDbUnavailable reports whether err means the database did not answer. */
export function isDbUnavailable(err: unknown): boolean {
  return dbUnavailable(err) !== err || (err instanceof FlotillaError && err.code === "unavailable");
}
