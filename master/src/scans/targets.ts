import { errors } from "@flotilla/shared";
import { z } from "zod";
import type { Db } from "../db/types.js";

/** targetsSchema is the `targets` of a scan or schedule: exactly one of node_ids, labels or all. */
export const targetsSchema = z
  .object({
    node_ids: z.array(z.string().min(1).max(128)).min(1).max(10_000).optional(),
    labels: z.record(z.string().min(1).max(63), z.string().max(253)).optional(),
    all: z.literal(true).optional(),
  })
  .strict()
  .refine((t) => [t.node_ids, t.labels, t.all].filter((v) => v !== undefined).length === 1, {
    message: "give exactly one of node_ids, labels or all",
  })
  .describe("Which nodes to scan: {node_ids: [...]}, {labels: {k: v}} or {all: true}");

/** Targets is a validated target selector. */
export type Targets = z.infer<typeof targetsSchema>;

/**
 * resolveTargets returns the ids of the nodes a selector matches. Unknown
 * node ids and selectors matching no node are invalid_argument errors.
 */
export async function resolveTargets(db: Db, t: Targets): Promise<string[]> {
  if (t.node_ids) {
    const wanted = [...new Set(t.node_ids)];
    const rows = await db.node.findMany({ where: { id: { in: wanted } }, select: { id: true } });
    const known = new Set(rows.map((r) => r.id));
    const missing = wanted.filter((id) => !known.has(id));
    if (missing.length) {
      throw errors.invalid("unknown target nodes", missing.slice(0, 20).map((id) => ({ field: "targets.node_ids", message: `no node ${id}` })));
    }
    return wanted;
  }
  const where = t.labels ? { AND: Object.entries(t.labels).map(([key, value]) => ({ labels: { some: { key, value } } })) } : {};
  const rows = await db.node.findMany({ where, select: { id: true }, orderBy: { id: "asc" } });
  if (rows.length === 0) throw errors.invalid("the targets match no node", [{ field: "targets", message: "no node matches" }]);
  return rows.map((r) => r.id);
}
