/**
 * useList loads one page of a cursor-paginated list and offers next/prev.
 * A 404 marks the resource as not available (the API may not serve it yet).
 */
import { useCallback, useEffect, useState } from "preact/hooks";
import type { Query } from "../api.js";
import type { Page } from "../types.js";
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
  next: () => void;
  prev: () => void;
  reload: () => void;
  setItems: (fn: (items: T[]) => T[]) => void;
}

/** useList fetches `path` with `query`, resetting to the first page when either changes. */
export function useList<T>(path: string | null, query: Query = {}, limit = 25): ListState<T> {
  const key = JSON.stringify([path, query, limit]);
  const [cursors, setCursors] = useState<string[]>([""]);
  useEffect(() => setCursors([""]), [key]);
  const cursor = cursors[cursors.length - 1] ?? "";
  const page = useFetch<Page<T>>(path, { ...query, limit, cursor: cursor || undefined });
  const nextCursor = page.data?.page?.has_more ? page.data.page.next_cursor : null;

  return {
    items: Array.isArray(page.data?.items) ? page.data.items : [],
    // Until the first answer the list is loading (also while no path is set).
    loading: page.loading || (page.data === null && page.error === null),
    error: page.error,
    unavailable: page.unavailable,
    hasNext: !!nextCursor,
    hasPrev: cursors.length > 1,
    total: typeof page.data?.page?.total === "number" ? page.data.page.total : null,
    next: useCallback(() => nextCursor && setCursors((c) => [...c, nextCursor]), [nextCursor]),
    prev: useCallback(() => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)), []),
    reload: page.reload,
    setItems: (fn) => page.set((d) => d && { ...d, items: fn(Array.isArray(d.items) ? d.items : []) }),
  };
}
