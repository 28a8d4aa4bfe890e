import { errors } from "@flotilla/shared";
import { decodeCursor, encodeCursor, type Page } from "./paging.js";

/** SortKey is a row's value in the sorted column; null is unknown and sorts last. */
export type SortKey = string | number | null;

/**
 * offsetPage orders rows by one key (unknown values last in either
 * direction, ties by `idOf`) and returns the page at the offset held in the
 * cursor. It serves lists sorted by a column the database cannot order by
 * (live figures, severity rank) over a set of rows that fits in memory.
 */
export function offsetPage<R>(
  rows: R[],
  o: { key: (r: R) => SortKey; idOf: (r: R) => string; order: "asc" | "desc"; limit: number; cursor?: string | undefined },
): { items: R[]; page: Page } {
  const dir = o.order === "desc" ? -1 : 1;
  const keyed = rows.map((r) => ({ r, k: o.key(r), id: o.idOf(r) }));
  keyed.sort((a, b) => {
    if (a.k === null || b.k === null) return a.k === b.k ? (a.id < b.id ? -1 : 1) : a.k === null ? 1 : -1;
    if (a.k !== b.k) return (a.k < b.k ? -1 : 1) * dir;
    return a.id < b.id ? -1 : 1;
  });
  const key = decodeCursor(o.cursor, 1);
  const offset = key === undefined ? 0 : key[0];
  if (typeof offset !== "number" || !Number.isInteger(offset) || offset < 0)
    throw errors.invalid("invalid cursor", [{ field: "cursor", message: "not a cursor returned by this list" }]);
  const items = keyed.slice(offset, offset + o.limit).map((x) => x.r);
  const more = offset + o.limit < keyed.length;
  return { items, page: { limit: o.limit, next_cursor: more ? encodeCursor([offset + o.limit]) : null, has_more: more } };
}
