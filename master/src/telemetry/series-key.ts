/** LabelPair is one label as carried on the wire (`flotilla.v1.Label`). */
export interface LabelPair {
  name: string;
  value: string;
}

/**
 * seriesKey identifies a series within a node: the metric name followed by its
 * labels sorted by name, e.g. `fs.used_bytes{device=/dev/sda1,mount=/}`.
 * A metric without labels is keyed by its bare name.
 */
export function seriesKey(name: string, labels: readonly LabelPair[]): string {
  if (labels.length === 0) return name;
  const sorted = labels.length === 1 ? labels : [...labels].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Joined rather than concatenated: a key is kept for the series' lifetime,
  // and `+=` would keep it as a tree of string pieces.
  const parts = [name, "{"];
  for (let i = 0; i < sorted.length; i++) parts.push(i ? "," : "", sorted[i]!.name, "=", sorted[i]!.value);
  parts.push("}");
  return parts.join("");
}

/** labelObject turns wire labels into a plain object with keys in sorted order. */
export function labelObject(labels: readonly LabelPair[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of [...labels].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) out[l.name] = l.value;
  return out;
}

/**
 * NameFilter matches metric names against `?names=` entries: exact names, or
 * prefixes written with a trailing `*` (`fs.*`). An empty filter matches all.
 */
export type NameFilter = (name: string) => boolean;

/** compileNameFilter builds a {@link NameFilter} from the entries of `?names=`. */
export function compileNameFilter(entries: readonly string[]): NameFilter {
  if (entries.length === 0) return () => true;
  const exact = new Set(entries.filter((e) => !e.endsWith("*")));
  const prefixes = entries.filter((e) => e.endsWith("*")).map((e) => e.slice(0, -1));
  return (name) => exact.has(name) || prefixes.some((p) => name.startsWith(p));
}
