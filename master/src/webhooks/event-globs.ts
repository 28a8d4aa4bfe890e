import { errors, type FieldViolation } from "@flotilla/shared";
import { EVENT_TYPES } from "../events/types.js";

/** matchesGlob tells whether an event type matches one glob: `*`, `node.*` or an exact type. */
export function matchesGlob(glob: string, type: string): boolean {
  if (glob === "*") return true;
  if (glob.endsWith(".*")) return type.startsWith(glob.slice(0, -1));
  return glob === type;
}

/** matchesAny tells whether a type matches any of the globs. */
export const matchesAny = (globs: readonly string[], type: string) => globs.some((g) => matchesGlob(g, type));

/**
 * checkEventGlobs validates `event_types` under `field`: each entry is `*`,
 * `prefix.*` or an exact type, and must match at least one known event type.
 */
export function checkEventGlobs(globs: string[], field = "event_types"): void {
  const known = Object.keys(EVENT_TYPES);
  const details: FieldViolation[] = [];
  globs.forEach((g, i) => {
    if (!/^(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?)$/.test(g))
      details.push({ field: `${field}.${i}`, message: `"${g}" is not a glob like "node.*" or "scan.completed"` });
    else if (!known.some((t) => matchesGlob(g, t)))
      details.push({ field: `${field}.${i}`, message: `"${g}" matches no known event type (see GET /api/v1/events/types)` });
  });
  if (globs.length === 0) details.push({ field, message: "give at least one event type or glob" });
  if (details.length) throw errors.invalid("invalid event types", details);
}
