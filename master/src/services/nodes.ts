import { errors, type FieldViolation } from "@flotilla/shared";
import type { MasterContext } from "../context.js";
import type { NodeControl } from "../node-control.js";
import { checkLabels } from "./labels.js";
import { createNodeStore, type NodeLabelRecord, type NodeQuery, type NodeWithLabels } from "./node-store.js";
import { sortPage, type NodeFigures, type NodeSort } from "./node-sort.js";
import { decodeIdCursor, toPage, type ListResponse, type Page } from "./paging.js";

export type { NodeWithLabels };

/** NodeFilter selects nodes for GET /nodes. */
export interface NodeFilter {
  status?: "online" | "offline";
  /** Every pair must match. */
  labels?: Record<string, string>;
  /** Substring of name, hostname or id. */
  q?: string;
  /** Column to sort by; without it nodes come in id order, keyset paged. */
  sort?: NodeSort;
  order?: "asc" | "desc";
  limit: number;
  cursor?: string;
}

/** NodeUpdate is what an operator may change on a node. */
export interface NodeUpdate {
  name?: string;
  /** Replaces all labels. */
  labels?: Record<string, string>;
}

/** labelsOf turns label rows into an object. */
export function labelsOf(n: { labels: NodeLabelRecord[] }): Record<string, string> {
  return Object.fromEntries(n.labels.map((l) => [l.key, l.value]));
}

/**
 * createNodeService lists, reads, updates and deletes nodes. Deleting a node
 * revokes its certificate (RevokedCert row) and tells `nodeControl` so live
 * streams are cut.
 */
export function createNodeService(ctx: MasterContext, deps: { nodeControl: NodeControl; figures?: (id: string) => NodeFigures }) {
  const store = createNodeStore(ctx);

  const get = async (id: string): Promise<NodeWithLabels> => {
    const row = await store.get(id);
    if (!row) throw errors.notFound("node");
    return row;
  };

  return {
    get,

    /**
     * list returns the nodes matching the filter with their total count: in
     * id order, keyset paged, or sorted by a column and offset paged.
     */
    async list(f: NodeFilter): Promise<ListResponse<NodeWithLabels> & { page: Page & { total: number } }> {
      const q: NodeQuery = { status: f.status, labels: f.labels, q: f.q };
      const total = await store.count(q);
      if (f.sort) {
        const all = await store.all(q);
        const none: NodeFigures = { cpu: null, memory: null, disk: null, lastSeenMs: null };
        const p = sortPage(all, { sort: f.sort, order: f.order ?? "asc", limit: f.limit, cursor: f.cursor, figures: deps.figures ?? (() => none) });
        return { items: p.items, page: { ...p.page, total } };
      }
      const rows = await store.page(q, f.limit + 1, decodeIdCursor(f.cursor));
      const p = toPage(
        rows,
        f.limit,
        (r) => [r.id],
        (r) => r,
      );
      return { items: p.items, page: { ...p.page, total } };
    },

    /** update changes a node's name and/or replaces its labels; publishes node.updated. */
    async update(id: string, u: NodeUpdate, actor?: string): Promise<NodeWithLabels> {
      const details: FieldViolation[] = [];
      const name = u.name?.trim();
      if (u.name !== undefined && (!name || name.length > 128)) details.push({ field: "name", message: "must be 1 to 128 characters" });
      if (details.length) throw errors.invalid("invalid node update", details);
      if (u.labels) checkLabels(u.labels);
      const before = await get(id);
      // no re-read: the rows written are the rows returned
      const labels = u.labels
        ? Object.entries(u.labels)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([key, value]) => ({ nodeId: id, key, value }))
        : null;
      const row = (await store.update(id, name, labels)) ?? before;
      const node: NodeWithLabels = { ...row, labels: labels ?? before.labels };
      ctx.bus.publish(
        "node.updated",
        {
          name: node.name,
          labels: labelsOf(node),
          changed: [...(name !== undefined ? ["name"] : []), ...(u.labels ? ["labels"] : [])],
          ...(actor ? { actor } : {}),
        },
        id,
      );
      return node;
    },

    /** remove deletes a node, revokes its certificate and cuts its streams; publishes node.deleted. */
    async remove(id: string, actor?: string): Promise<NodeWithLabels> {
      const node = await get(id);
      await store.removeRevoking(node);
      deps.nodeControl.nodeDeleted(id, node.certSerial);
      ctx.bus.publish("node.deleted", { name: node.name, hostname: node.hostname, cert_serial: node.certSerial, ...(actor ? { actor } : {}) }, id);
      ctx.log.info({ node_id: id, cert_serial: node.certSerial }, "node deleted and certificate revoked");
      return node;
    },
  };
}

/** NodeService is the node service's interface. */
export type NodeService = ReturnType<typeof createNodeService>;
