import { fileURLToPath } from "node:url";
import { createLogger } from "@flotilla/shared";
import type { CollectorContext, Point } from "../../worker/src/collectors/index.js";

/** FIXTURES is the absolute path of test/fixtures. */
export const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

/** silentLog is a logger that writes nothing. */
export const silentLog = createLogger({ level: "silent", name: "test" });

/** fixtureCtx builds a CollectorContext rooted at fixture directories. */
export function fixtureCtx(over: Partial<CollectorContext> = {}): CollectorContext {
  return { procRoot: `${FIXTURES}proc/a`, sysRoot: `${FIXTURES}sys/v2`, hostRoot: "/", log: silentLog, ...over };
}

/** hostCtx builds a CollectorContext on this machine's real /proc, /sys and /. */
export function hostCtx(over: Partial<CollectorContext> = {}): CollectorContext {
  return { procRoot: "/proc", sysRoot: "/sys", hostRoot: "/", log: silentLog, ...over };
}

/** find returns the points of a name whose labels include the given ones. */
export function find(points: Point[], name: string, labels: Record<string, string> = {}): Point[] {
  return points.filter((p) => p.name === name && Object.entries(labels).every(([k, v]) => p.labels?.[k] === v));
}

/** one returns the value of the single matching point, failing when there is not exactly one. */
export function one(points: Point[], name: string, labels: Record<string, string> = {}): number {
  const found = find(points, name, labels);
  if (found.length !== 1) throw new Error(`expected one ${name} ${JSON.stringify(labels)}, got ${found.length}`);
  return found[0]!.value;
}
