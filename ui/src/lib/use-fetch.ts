/**
 * useFetch loads one JSON resource; a 404 marks it as not available.
 */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { api, describeError, isNotFound, type Query } from "../api.js";
import { reconnects } from "./live.js";

/** FetchState is what useFetch returns. */
export interface FetchState<T> {
  data: T | null;
  loading: boolean;
  error: string | null;
  unavailable: boolean;
  reload: () => void;
  set: (fn: (d: T | null) => T | null) => void;
}

/** useFetch GETs `path` (skipped when null) and reloads when path or query change. */
export function useFetch<T>(path: string | null, query: Query = {}): FetchState<T> {
  const key = JSON.stringify([path, query]);
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(!!path);
  const [error, setError] = useState<string | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const epoch = reconnects.value;
  useEffect(() => {
    if (!path) return;
    const mine = ++seq.current;
    setLoading(true);
    api
      .get<T>(path, query)
      .then((d) => {
        if (mine !== seq.current) return;
        setData(d);
        setError(null);
        setUnavailable(false);
      })
      .catch((err) => {
        if (mine !== seq.current) return;
        // The previous answer no longer matches what was asked for: do not show it under the error.
        setData(null);
        setUnavailable(isNotFound(err));
        setError(describeError(err));
      })
      .finally(() => mine === seq.current && setLoading(false));
  }, [key, tick, epoch]);
  return { data, loading, error, unavailable, reload: useCallback(() => setTick((t) => t + 1), []), set: (fn) => setData(fn) };
}
