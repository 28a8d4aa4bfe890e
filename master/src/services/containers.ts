import { errors } from "@flotilla/shared";
import type { MasterContext } from "../context.js";
import { createContainerStore, type ContainerRow } from "./container-store.js";

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
export function fromRow(r: ContainerRow): ContainerRecord & { nodeId: string } {
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
  const store = createContainerStore(ctx);
  return {
    /** loadNode reads every stored container of a node. */
    async loadNode(nodeId: string): Promise<ContainerRecord[]> {
      return (await store.ofNode(nodeId)).map(fromRow);
    },

    /** apply upserts changed containers and deletes vanished ones of a node, in one transaction. */
    async apply(nodeId: string, upserts: ContainerRecord[], deletes: string[]): Promise<void> {
      if (upserts.length === 0 && deletes.length === 0) return;
      await store.apply(
        nodeId,
        upserts.map((c) => toData(nodeId, c)),
        deletes,
      );
    },

    /** removeNode deletes every stored container of a node. */
    async removeNode(nodeId: string): Promise<void> {
      await store.removeNode(nodeId);
    },

    /** list returns containers ordered by (node id, container id), keyset paged; fetches limit + 1 rows. */
    async list(f: ContainerFilter): Promise<Array<ContainerRecord & { nodeId: string }>> {
      const { limit, after, ...q } = f;
      return (await store.page(q, limit + 1, after)).map(fromRow);
    },

    /** count counts the containers matching a filter (paging ignored). */
    async count(f: Omit<ContainerFilter, "limit" | "after">): Promise<number> {
      return store.count(f);
    },

    /** all returns every container matching a filter, for lists sorted in memory. */
    async all(f: Omit<ContainerFilter, "limit" | "after">): Promise<Array<ContainerRecord & { nodeId: string }>> {
      return (await store.all(f)).map(fromRow);
    },

    /** requireNode throws not_found unless the node exists; returns its name. */
    async requireNode(nodeId: string): Promise<string> {
      const name = await store.nodeName(nodeId);
      if (name === undefined) throw errors.notFound("node");
      return name;
    },

    /** nodeNames maps every node id to its name. */
    nodeNames: store.nodeNames,
  };
}

/** ContainerService is the Container table access used by telemetry. */
export type ContainerService = ReturnType<typeof createContainerService>;
