import type { MasterContext } from "../context.js";

/** CommandRow is one stored command; `params` and `result` are JSON text. */
export interface CommandRow {
  id: string;
  nodeId: string;
  kind: string;
  params: string;
  status: string;
  requestedBy: string | null;
  requestId: string | null;
  idempotencyKey: string | null;
  createdAt: Date;
  sentAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  timeoutMs: number;
  result: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  scanId: string | null;
}

/** CommandRowFilter selects command rows: every field given must match; `before` pages by id, newest first. */
export interface CommandRowFilter {
  nodeId?: string | undefined;
  status?: string | undefined;
  kind?: string | undefined;
  scanId?: string | undefined;
  before?: string | undefined;
  take: number;
}

/** CommandStore is the only code that reads and writes the Command table. */
export type CommandStore = ReturnType<typeof createCommandStore>;

/** createCommandStore returns the Command table operations. */
export function createCommandStore(ctx: Pick<MasterContext, "db">) {
  const { db } = ctx;
  return {
    /** create inserts a row; throws a Prisma P2002 error when the idempotency key exists. */
    create: (
      data: Omit<CommandRow, "createdAt" | "sentAt" | "startedAt" | "finishedAt" | "result" | "errorCode" | "errorMessage">,
    ): Promise<CommandRow> => db.command.create({ data }),
    update: (id: string, data: Partial<Omit<CommandRow, "id">>): Promise<CommandRow> => db.command.update({ where: { id }, data }),
    byIdempotencyKey: (key: string): Promise<CommandRow | null> => db.command.findUnique({ where: { idempotencyKey: key } }),
    get: (id: string): Promise<CommandRow | null> => db.command.findUnique({ where: { id } }),
    /** list returns up to `take` rows newest first. */
    list: (f: CommandRowFilter): Promise<CommandRow[]> =>
      db.command.findMany({
        where: {
          ...(f.nodeId ? { nodeId: f.nodeId } : {}),
          ...(f.status ? { status: f.status } : {}),
          ...(f.kind ? { kind: f.kind } : {}),
          ...(f.scanId ? { scanId: f.scanId } : {}),
          ...(f.before ? { id: { lt: f.before } } : {}),
        },
        orderBy: { id: "desc" },
        take: f.take,
      }),
  };
}
