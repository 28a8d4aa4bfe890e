/**
 * useList loads one page of a cursor-paginated list and offers next/prev.
 * A 404 marks the resource as not available (the API may not serve it yet).
 */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { api, describeError, isNotFound, type Query } from "../api.js";

/** ListState is what useList returns. */
export interface ListState<T> {
  items: T[];
  loading: boolean;
  error: string | null;
  unavailable: boolean;
  hasNext: boolean;
  hasPrev: boolean;
  next: () => void;
  prev: () => void;
  reload: () => void;
  setItems: (fn: (items: T[]) => T[]) => void;
}

/** useList fetches `path` with `query`, resetting to the first page when either changes. */
export function useList<T>(path: string | null, query: Query = {}, limit = 25): ListState<T> {
  const key = JSON.stringify([path, query, limit]);
  const [cursors, setCursors] = useState<string[]>([""]);
  const [items, setItemsState] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);

  useEffect(() => setCursors([""]), [key]);
  const cursor = cursors[cursors.length - 1] ?? "";

  useEffect(() => {
    if (!path) return;
    const mine = ++seq.current;
    setLoading(true);
    api
      .list<T>(path, { ...query, limit, cursor: cursor || undefined })
      .then((p) => {
        if (mine !== seq.current) return;
        setItemsState(Array.isArray(p?.items) ? p.items : []);
        setNextCursor(p?.page?.has_more ? p.page.next_cursor : null);
        setError(null);
        setUnavailable(false);
      })
      .catch((err) => {
        if (mine !== seq.current) return;
        setUnavailable(isNotFound(err));
        setError(describeError(err));
      })
      .finally(() => mine === seq.current && setLoading(false));
  }, [key, cursor, tick]);

  return {
    items,
    loading,
    error,
    unavailable,
    hasNext: !!nextCursor,
    hasPrev: cursors.length > 1,
    next: useCallback(() => nextCursor && setCursors((c) => [...c, nextCursor]), [nextCursor]),
    prev: useCallback(() => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)), []),
    reload: useCallback(() => setTick((t) => t + 1), []),
    setItems: (fn) => setItemsState(fn),
  };
}
