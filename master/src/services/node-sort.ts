import { offsetPage, type SortKey } from "./offset-page.js";
import type { Page } from "./paging.js";

/** NODE_SORTS are the columns GET /nodes sorts by (`?sort=`). */
export const NODE_SORTS = ["name", "hostname", "status", "os", "agent_version", "last_seen", "enrolled", "cpu", "memory", "disk"] as const;
export type NodeSort = (typeof NODE_SORTS)[number];

/** NodeFigures are the live figures of a node the metric sorts read (null when unknown). */
export interface NodeFigures {
  cpu: number | null;
  memory: number | null;
  disk: number | null;
  lastSeenMs: number | null;
}

/** SortableNode is what sorting needs of a node row. */
export interface SortableNode {
  id: string;
  name: string;
  hostname: string;
  status: string;
  os: string;
  agentVersion: string;
  enrolledAt: Date;
  lastSeenAt: Date | null;
}

type Key = SortKey;

function keyOf(n: SortableNode, sort: NodeSort, f: NodeFigures): Key {
  switch (sort) {
    case "name":
      return (n.name || n.hostname).toLowerCase();
    case "hostname":
      return n.hostname.toLowerCase();
    case "status":
      return n.status;
    case "os":
      return n.os.toLowerCase();
    case "agent_version":
      return n.agentVersion;
    case "last_seen":
      return f.lastSeenMs ?? n.lastSeenAt?.getTime() ?? null;
    case "enrolled":
      return n.enrolledAt.getTime();
    default:
      return f[sort];
  }
}

/**
 * sortPage orders every matching node by one column (unknown values last in
 * either direction, ties by id) and returns the page at the offset held in
 * the cursor. Sorting by a live figure cannot be done by the database, and a
 * fleet's matching nodes fit in memory, so this sorts them all.
 */
export function sortPage<N extends SortableNode>(
  rows: N[],
  o: { sort: NodeSort; order: "asc" | "desc"; limit: number; cursor?: string; figures: (id: string) => NodeFigures },
): { items: N[]; page: Page } {
  return offsetPage(rows, { key: (n) => keyOf(n, o.sort, o.figures(n.id)), idOf: (n) => n.id, order: o.order, limit: o.limit, cursor: o.cursor });
}
