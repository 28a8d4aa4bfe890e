/**
 * useQueryParam binds a filter to the route's query string, so filters
 * survive reloads and can be linked.
 */
import { navigate, route } from "./router.js";

/** useFilters returns the current query values for `keys` and a setter. */
export function useFilters<K extends string>(keys: readonly K[]): [Record<K, string>, (k: K, v: string) => void] {
  const r = route.value;
  const values = Object.fromEntries(keys.map((k) => [k, r.query.get(k) ?? ""])) as Record<K, string>;
  const set = (k: K, v: string) => navigate(r.path, { ...values, [k]: v }, true);
  return [values, set];
}
