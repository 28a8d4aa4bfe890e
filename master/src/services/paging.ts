import { errors } from "@flotilla/shared";

/*
 * Keyset paging shared by every list: the opaque cursor codec and the
 * `{items, page}` envelope of SPEC §4. Services build pages; routes render
 * their items.
 */

/** Page is the `page` object of a list response. */
export interface Page {
  limit: number;
  next_cursor: string | null;
  has_more: boolean;
}

/** ListResponse is the envelope of every list route. */
export interface ListResponse<T> {
  items: T[];
  page: Page;
}

/** CursorKey is the sort key of the last item of a page. */
export type CursorKey = Array<string | number | null>;

/** encodeCursor turns a sort key into an opaque cursor (base64url JSON). */
export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

/**
 * decodeCursor reads a cursor made by {@link encodeCursor}; `arity` is the
 * number of key parts expected. Throws invalid_argument on anything else.
 */
export function decodeCursor(cursor: string | undefined, arity = 1): CursorKey | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  const bad = () => errors.invalid("invalid cursor", [{ field: "cursor", message: "not a cursor returned by this list" }]);
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad();
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw bad();
  }
  if (!Array.isArray(key) || key.length !== arity) throw bad();
  if (!key.every((k) => k === null || typeof k === "string" || typeof k === "number")) throw bad();
  return key as CursorKey;
}

/** decodeIdCursor decodes a one-part cursor holding a string id. */
export function decodeIdCursor(cursor: string | undefined): string | undefined {
  const key = decodeCursor(cursor, 1);
  if (key === undefined) return undefined;
  if (typeof key[0] !== "string") throw errors.invalid("invalid cursor", [{ field: "cursor", message: "not a cursor returned by this list" }]);
  return key[0];
}

/**
 * toPage builds the list envelope from `limit + 1` fetched rows: the extra row
 * only tells whether there is a next page. `keyOf` gives a row's sort key.
 */
export function toPage<R, T>(rows: R[], limit: number, keyOf: (row: R) => CursorKey, view: (row: R) => T): ListResponse<T> {
  const hasMore = rows.length > limit;
  const kept = hasMore ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return {
    items: kept.map(view),
    page: { limit, next_cursor: hasMore && last !== undefined ? encodeCursor(keyOf(last)) : null, has_more: hasMore },
  };
}

/** mapPage renders the items of a page, keeping its `page` object. */
export function mapPage<R, T>(p: ListResponse<R>, view: (row: R) => T): ListResponse<T> {
  return { items: p.items.map(view), page: p.page };
}
