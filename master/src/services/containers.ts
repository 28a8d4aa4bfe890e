import { errors } from "@flotilla/shared";
import type { MasterContext } from "../context.js";
import type { Container } from "../generated/sqlite/client.js";

/** ContainerPortRecord is one published port of a container. */
export interface ContainerPortRecord {
  ip: string;
  private_port: number;
  public_port: number;
  type: string;
}

/** ContainerRecord is a container as the master keeps it (memory and Container table). */
export interface ContainerRecord {
  id: string;
  name: string;
  image: string;
  imageId: string;
  state: string;
  status: string;
  createdMs: number;
  ports: ContainerPortRecord[];
  labels: Record<string, string>;
  restartCount: number;
}

/** ContainerFilter selects rows for GET /containers. */
export interface ContainerFilter {
  nodeId?: string;
  state?: string;
  image?: string;
  /** Text search over name, image and id. */
  q?: string;
  limit: number;
  /** Keyset position: the (nodeId, id) of the last row of the previous page. */
  after?: [string, string];
}

function parseJson<T>(raw: string, fallback: T): T {
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

/** fromRow turns a Container row into a record. */
export function fromRow(r: Container): ContainerRecord & { nodeId: string } {
  return {
    nodeId: r.nodeId,
    id: r.id,
    name: r.name,
    image: r.image,
    imageId: r.imageId,
    state: r.state,
    status: r.status,
    createdMs: r.createdAt.getTime(),
    ports: parseJson<ContainerPortRecord[]>(r.ports, []),
    labels: parseJson<Record<string, string>>(r.labels, {}),
    restartCount: r.restartCount,
  };
}

function toData(nodeId: string, c: ContainerRecord) {
  return {
    nodeId,
    id: c.id,
    name: c.name,
    image: c.image,
    imageId: c.imageId,
    state: c.state,
    status: c.status,
    createdAt: new Date(Number.isFinite(c.createdMs) && c.createdMs > 0 ? c.createdMs : 0),
    ports: JSON.stringify(c.ports),
    labels: JSON.stringify(c.labels),
    restartCount: c.restartCount,
  };
}

/**
 * createContainerService stores the container inventory of every node in the
 * Container table (only changed rows are written) and answers the container
 * lists. It also resolves node names for the metrics and container views.
 */
export function createContainerService(ctx: MasterContext) {
  const db = ctx.db;
  const insensitive = ctx.provider === "postgres" ? { mode: "insensitive" } : {};
  const matching = (f: Omit<ContainerFilter, "limit" | "after">): object[] => {
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
    /** loadNode reads every stored container of a node. */
    async loadNode(nodeId: string): Promise<ContainerRecord[]> {
      const rows = await db.container.findMany({ where: { nodeId } });
      return rows.map(fromRow);
    },

    /** apply upserts changed containers and deletes vanished ones of a node, in one transaction. */
    async apply(nodeId: string, upserts: ContainerRecord[], deletes: string[]): Promise<void> {
      if (upserts.length === 0 && deletes.length === 0) return;
      const ops = upserts.map((c) => {
        const data = toData(nodeId, c);
        return db.container.upsert({ where: { nodeId_id: { nodeId, id: c.id } }, create: data, update: data });
      });
      const all = deletes.length > 0 ? [...ops, db.container.deleteMany({ where: { nodeId, id: { in: deletes } } })] : ops;
      await db.$transaction(all);
    },

    /** removeNode deletes every stored container of a node. */
    async removeNode(nodeId: string): Promise<void> {
      await db.container.deleteMany({ where: { nodeId } });
    },

    /** list returns containers ordered by (node id, container id), keyset paged; fetches limit + 1 rows. */
    async list(f: ContainerFilter): Promise<Array<ContainerRecord & { nodeId: string }>> {
      const and = matching(f);
      if (f.after) and.push({ OR: [{ nodeId: { gt: f.after[0] } }, { nodeId: f.after[0], id: { gt: f.after[1] } }] });
      const rows = await db.container.findMany({ where: { AND: and }, orderBy: [{ nodeId: "asc" }, { id: "asc" }], take: f.limit + 1 });
      return rows.map(fromRow);
    },

    /** count counts the containers matching a filter (paging ignored). */
    async count(f: Omit<ContainerFilter, "limit" | "after">): Promise<number> {
      return db.container.count({ where: { AND: matching(f) } });
    },

    /** all returns every container matching a filter, for lists sorted in memory. */
    async all(f: Omit<ContainerFilter, "limit" | "after">): Promise<Array<ContainerRecord & { nodeId: string }>> {
      return (await db.container.findMany({ where: { AND: matching(f) } })).map(fromRow);
    },

    /** requireNode throws not_found unless the node exists; returns its name. */
    async requireNode(nodeId: string): Promise<string> {
      const n = await db.node.findUnique({ where: { id: nodeId }, select: { name: true } });
      if (!n) throw errors.notFound("node");
      return n.name;
    },

    /** nodeNames maps every node id to its name. */
    async nodeNames(): Promise<Map<string, string>> {
      const rows = await db.node.findMany({ select: { id: true, name: true } });
      return new Map(rows.map((r) => [r.id, r.name]));
    },
  };
}

/** ContainerService is the Container table access used by telemetry. */
export type ContainerService = ReturnType<typeof createContainerService>;
