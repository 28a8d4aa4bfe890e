/**
 * useQueryParam binds a filter to the route's query string, so filters
 * survive reloads and can be linked.
 */
import { navigate, route } from "./router.js";

/** useFilters returns the current query values for `keys` and a setter. */
export function useFilters<K extends string>(keys: readonly K[]): [Record<K, string>, (k: K, v: string) => void] {
  const r = route.value;
  const values = Object.fromEntries(keys.map((k) => [k, r.query.get(k) ?? ""])) as Record<K, string>;
  // Read the query afresh, so several filters set in a row all stick.
  const set = (k: K, v: string) => {
    const now = route.value;
    navigate(now.path, { ...Object.fromEntries(keys.map((x) => [x, now.query.get(x) ?? ""])), [k]: v }, true);
  };
  return [values, set];
}
