import type { MasterContext } from "../context.js";
import type { CensusRecord } from "./records.js";

/** CensusStore is the only code that reads and writes census snapshots. */
export type CensusStore = ReturnType<typeof createCensusStore>;

/** createCensusStore returns the CensusSnapshot table operations. */
export function createCensusStore(ctx: Pick<MasterContext, "db">) {
  const { db } = ctx;
  return {
    /** nodeExists reports whether a node exists. */
    nodeExists: async (id: string): Promise<boolean> => (await db.node.findUnique({ where: { id }, select: { id: true } })) !== null,
    /** latest returns a node's newest snapshot, or the one `skip` places older. */
    latest: (nodeId: string, skip = 0): Promise<CensusRecord | null> =>
      db.censusSnapshot.findFirst({ where: { nodeId }, orderBy: [{ takenAt: "desc" }, { id: "desc" }], skip }),
    get: (id: string): Promise<CensusRecord | null> => db.censusSnapshot.findUnique({ where: { id } }),
    create: async (data: CensusRecord): Promise<void> => void (await db.censusSnapshot.create({ data })),
  };
}
