import { errors } from "@flotilla/shared";
import { decodeCursor, encodeCursor, type Page } from "./paging.js";

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

type Key = string | number | null;

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
  const dir = o.order === "desc" ? -1 : 1;
  const keyed = rows.map((n) => ({ n, k: keyOf(n, o.sort, o.figures(n.id)) }));
  keyed.sort((a, b) => {
    if (a.k === null || b.k === null) return a.k === b.k ? (a.n.id < b.n.id ? -1 : 1) : a.k === null ? 1 : -1;
    if (a.k !== b.k) return (a.k < b.k ? -1 : 1) * dir;
    return a.n.id < b.n.id ? -1 : 1;
  });
  const key = decodeCursor(o.cursor, 1);
  const offset = key === undefined ? 0 : key[0];
  if (typeof offset !== "number" || !Number.isInteger(offset) || offset < 0)
    throw errors.invalid("invalid cursor", [{ field: "cursor", message: "not a cursor returned by this list" }]);
  const items = keyed.slice(offset, offset + o.limit).map((x) => x.n);
  const more = offset + o.limit < keyed.length;
  return { items, page: { limit: o.limit, next_cursor: more ? encodeCursor([offset + o.limit]) : null, has_more: more } };
}
