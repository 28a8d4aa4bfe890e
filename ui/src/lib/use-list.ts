/**
 * useList loads one page of a cursor-paginated list and offers next/prev.
 * A 404 marks the resource as not available (the API may not serve it yet).
 * With `inUrl`, the page (its cursor trail and number) lives in the URL, so
 * reload, Back and shared links come back to the same page.
 */
import { useCallback, useEffect, useState } from "preact/hooks";
import type { Query } from "../api.js";
import type { Page } from "../types.js";
import { navigate, route } from "./router.js";
import { useFetch } from "./use-fetch.js";

/** ListState is what useList returns. */
export interface ListState<T> {
  items: T[];
  loading: boolean;
  error: string | null;
  unavailable: boolean;
  hasNext: boolean;
  hasPrev: boolean;
  /** Every matching item, when the API counts them. */
  total: number | null;
  /** The page shown, from 1, and the number of pages when the total is known. */
  pageNo: number;
  pages: number | null;
  next: () => void;
  prev: () => void;
  reload: () => void;
  setItems: (fn: (items: T[]) => T[]) => void;
}

/** Cursors of the pages after the first are joined with "." in `?cursor=` (base64url has no "."). */
const urlTrail = (): string[] => ["", ...(route.value.query.get("cursor") ?? "").split(".").filter(Boolean)];

function writeUrlTrail(trail: string[]): void {
  const r = route.value;
  const q = Object.fromEntries(r.query.entries());
  const rest = trail.slice(1);
  navigate(r.path, { ...q, cursor: rest.join(".") || undefined, page: rest.length ? String(rest.length + 1) : undefined }, true);
}

/** useList fetches `path` with `query`, resetting to the first page when either changes. */
export function useList<T>(path: string | null, query: Query = {}, limit = 25, opts: { inUrl?: boolean } = {}): ListState<T> {
  const key = JSON.stringify([path, query, limit]);
  const [local, setLocal] = useState<string[]>([""]);
  useEffect(() => setLocal([""]), [key]);
  const trail = opts.inUrl ? urlTrail() : local;
  const setTrail = (fn: (t: string[]) => string[]) => (opts.inUrl ? writeUrlTrail(fn(urlTrail())) : setLocal(fn));
  const cursor = trail[trail.length - 1] ?? "";
  const page = useFetch<Page<T>>(path, { ...query, limit, cursor: cursor || undefined });
  const nextCursor = page.data?.page?.has_more ? page.data.page.next_cursor : null;
  const total = typeof page.data?.page?.total === "number" ? page.data.page.total : null;

  return {
    items: Array.isArray(page.data?.items) ? page.data.items : [],
    // Until the first answer the list is loading (also while no path is set).
    loading: page.loading || (page.data === null && page.error === null),
    error: page.error,
    unavailable: page.unavailable,
    hasNext: !!nextCursor,
    hasPrev: trail.length > 1,
    total,
    pageNo: trail.length,
    pages: total === null ? null : Math.max(1, Math.ceil(total / limit)),
    next: useCallback(() => nextCursor && setTrail((c) => [...c, nextCursor]), [nextCursor, opts.inUrl]),
    prev: useCallback(() => setTrail((c) => (c.length > 1 ? c.slice(0, -1) : c)), [opts.inUrl]),
    reload: page.reload,
    setItems: (fn) => page.set((d) => d && { ...d, items: fn(Array.isArray(d.items) ? d.items : []) }),
  };
}
