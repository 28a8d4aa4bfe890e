import { errors } from "@flotilla/shared";
import type { MasterContext } from "../context.js";
import { createCommandStore, type CommandRow } from "./command-store.js";

export type { CommandRow };

/** COMMAND_STATUSES is the life cycle of a command record, in order. */
export const COMMAND_STATUSES = ["pending", "sent", "running", "succeeded", "failed", "timed_out", "canceled"] as const;

/** CommandRecordStatus is one step of {@link COMMAND_STATUSES}. */
export type CommandRecordStatus = (typeof COMMAND_STATUSES)[number];

/** TERMINAL lists the statuses a command record never leaves. */
export const TERMINAL: ReadonlySet<string> = new Set(["succeeded", "failed", "timed_out", "canceled"]);

/** CommandView is a command record as the REST API shows it. */
export interface CommandView {
  id: string;
  node_id: string;
  kind: string;
  status: string;
  params: Record<string, unknown>;
  requested_by: string | null;
  request_id: string | null;
  created_at: string;
  sent_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  timeout_ms: number;
  result: unknown;
  error_code: string | null;
  error_message: string | null;
}

function parseJson(raw: string | null): unknown {
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}

/** commandView renders a Command row. */
export function commandView(r: CommandRow): CommandView {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: r.id,
    node_id: r.nodeId,
    kind: r.kind,
    status: r.status,
    params: (parseJson(r.params) as Record<string, unknown> | null) ?? {},
    requested_by: r.requestedBy,
    request_id: r.requestId,
    created_at: r.createdAt.toISOString(),
    sent_at: iso(r.sentAt),
    started_at: iso(r.startedAt),
    finished_at: iso(r.finishedAt),
    timeout_ms: r.timeoutMs,
    result: parseJson(r.result),
    error_code: r.errorCode,
    error_message: r.errorMessage,
  };
}

/** NewCommandRecord is what a record starts with. */
export interface NewCommandRecord {
  id: string;
  nodeId: string;
  kind: string;
  params: Record<string, unknown>;
  requestedBy?: string | undefined;
  requestId?: string | undefined;
  /** Scoped key (requester and client key); unique across records. */
  idempotencyKey?: string | undefined;
  timeoutMs: number;
  scanId?: string | undefined;
}

/** CommandUpdate is one status transition with its data. */
export interface CommandUpdate {
  status: CommandRecordStatus;
  sentAt?: Date;
  startedAt?: Date;
  finishedAt?: Date;
  result?: unknown;
  errorCode?: string | null;
  errorMessage?: string | null;
}

/** CommandFilter selects records for GET /commands (newest first, keyset paged by id). */
export interface CommandFilter {
  nodeId?: string | undefined;
  status?: string | undefined;
  kind?: string | undefined;
  scanId?: string | undefined;
  /** Id of the last record of the previous page. */
  before?: string | undefined;
  limit: number;
}

/** isUniqueViolation reports a unique-constraint failure from Prisma (code P2002). */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2002";
}

/**
 * createCommandRecords is the Command table: one row per command the master
 * sends to a worker, with requester, status timestamps and outcome.
 */
export function createCommandRecords(ctx: Pick<MasterContext, "db">) {
  const store = createCommandStore(ctx);
  return {
    /** create inserts a `pending` record; throws a Prisma P2002 error when the idempotency key exists. */
    async create(r: NewCommandRecord): Promise<CommandRow> {
      return store.create({
        id: r.id,
        nodeId: r.nodeId,
        kind: r.kind,
        params: JSON.stringify(r.params),
        status: "pending",
        requestedBy: r.requestedBy ?? null,
        requestId: r.requestId ?? null,
        idempotencyKey: r.idempotencyKey ?? null,
        timeoutMs: r.timeoutMs,
        scanId: r.scanId ?? null,
      });
    },

    /** update applies one transition. */
    async update(id: string, u: CommandUpdate): Promise<CommandRow> {
      return store.update(id, {
        status: u.status,
        ...(u.sentAt ? { sentAt: u.sentAt } : {}),
        ...(u.startedAt ? { startedAt: u.startedAt } : {}),
        ...(u.finishedAt ? { finishedAt: u.finishedAt } : {}),
        ...(u.result !== undefined ? { result: JSON.stringify(u.result) } : {}),
        ...(u.errorCode !== undefined ? { errorCode: u.errorCode } : {}),
        ...(u.errorMessage !== undefined ? { errorMessage: u.errorMessage } : {}),
      });
    },

    /** byIdempotencyKey finds the record of an earlier submission. */
    async byIdempotencyKey(key: string): Promise<CommandRow | null> {
      return store.byIdempotencyKey(key);
    },

    /** get returns one record or throws not_found. */
    async get(id: string): Promise<CommandRow> {
      const r = await store.get(id);
      if (!r) throw errors.notFound("command");
      return r;
    },

    /** list returns up to limit + 1 records, newest first. */
    async list(f: CommandFilter): Promise<CommandRow[]> {
      const { limit, ...where } = f;
      return store.list({ ...where, take: limit + 1 });
    },
  };
}

/** CommandRecords is the Command table access. */
export type CommandRecords = ReturnType<typeof createCommandRecords>;
