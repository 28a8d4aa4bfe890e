import type { MasterContext } from "../context.js";

/** ContainerRow is one stored container of a node; `ports` and `labels` are JSON text. */
export interface ContainerRow {
  nodeId: string;
  id: string;
  name: string;
  image: string;
  imageId: string;
  state: string;
  status: string;
  createdAt: Date;
  ports: string;
  labels: string;
  restartCount: number;
  updatedAt: Date;
}

/** ContainerQuery selects containers: every field given must match. */
export interface ContainerQuery {
  nodeId?: string;
  state?: string;
  image?: string;
  /** Text search over name, image and id (case-insensitive on PostgreSQL). */
  q?: string;
}

/** COLUMNS are the Container table's columns, keys first, in the order apply writes them. */
const COLUMNS = ["nodeId", "id", "name", "image", "imageId", "state", "status", "createdAt", "ports", "labels", "restartCount", "updatedAt"] as const;
/** Container ids per DELETE statement. */
const DELETE_CHUNK = 500;

/** ContainerStore is the only code that reads and writes the Container table. */
export type ContainerStore = ReturnType<typeof createContainerStore>;

/** createContainerStore returns the Container table operations (and the node names the container views show). */
export function createContainerStore(ctx: Pick<MasterContext, "db" | "bulk"> & Partial<Pick<MasterContext, "provider">>) {
  const { db, bulk } = ctx;
  const insensitive = ctx.provider === "postgres" ? { mode: "insensitive" } : {};
  const matching = (f: ContainerQuery): object[] => {
    const and: object[] = [];
    if (f.nodeId) and.push({ nodeId: f.nodeId });
    if (f.state) and.push({ state: f.state });
    if (f.image) and.push({ image: f.image });
    if (f.q) {
      const c = { contains: f.q, ...insensitive };
      and.push({ OR: [{ name: c }, { image: c }, { id: c }] });
    }
    return and;
  };
  return {
    ofNode: (nodeId: string): Promise<ContainerRow[]> => db.container.findMany({ where: { nodeId } }),

    /**
     * apply upserts rows and deletes vanished containers of a node, in one
     * transaction, as multi-row SQL: a fleet's first inventories after a
     * restart are tens of thousands of rows, and one Prisma upsert each cost
     * most of the master's database time.
     */
    async apply(nodeId: string, upserts: Omit<ContainerRow, "updatedAt">[], deletes: string[]): Promise<void> {
      const now = new Date();
      const rows = new Map(upserts.map((r) => [r.id, r]));
      const stmts = bulk.insert(
        "Container",
        COLUMNS,
        [...rows.values()].map((r) => [
          nodeId,
          r.id,
          r.name,
          r.image,
          r.imageId,
          r.state,
          r.status,
          r.createdAt,
          r.ports,
          r.labels,
          r.restartCount,
          now,
        ]),
        { keys: ["nodeId", "id"], set: COLUMNS.slice(2) },
      );
      for (let i = 0; i < deletes.length; i += DELETE_CHUNK) {
        const ids = deletes.slice(i, i + DELETE_CHUNK);
        stmts.push({
          sql: `DELETE FROM ${bulk.table("Container")} WHERE "nodeId" = ? AND "id" IN (${ids.map(() => "?").join(",")})`,
          args: [nodeId, ...ids],
        });
      }
      await bulk.run(stmts);
    },

    removeNode: async (nodeId: string): Promise<void> => void (await db.container.deleteMany({ where: { nodeId } })),

    /** page returns up to `take` matching rows ordered by (node id, container id) after `after`. */
    page: (f: ContainerQuery, take: number, after?: [string, string]): Promise<ContainerRow[]> => {
      const and = matching(f);
      if (after) and.push({ OR: [{ nodeId: { gt: after[0] } }, { nodeId: after[0], id: { gt: after[1] } }] });
      return db.container.findMany({ where: { AND: and }, orderBy: [{ nodeId: "asc" }, { id: "asc" }], take });
    },

    count: (f: ContainerQuery): Promise<number> => db.container.count({ where: { AND: matching(f) } }),
    all: (f: ContainerQuery): Promise<ContainerRow[]> => db.container.findMany({ where: { AND: matching(f) } }),

    /** nodeName returns a node's name, or undefined when there is no such node. */
    nodeName: async (nodeId: string): Promise<string | undefined> =>
      (await db.node.findUnique({ where: { id: nodeId }, select: { name: true } }))?.name,

    /** nodeNames maps every node id to its name. */
    nodeNames: async (): Promise<Map<string, string>> =>
      new Map((await db.node.findMany({ select: { id: true, name: true } })).map((r) => [r.id, r.name])),
  };
}
