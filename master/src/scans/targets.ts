import { errors } from "@flotilla/shared";
import { z } from "zod";
import type { MasterContext } from "../context.js";
import { knownNodeIds, nodeIdsWithLabels } from "./scan-store.js";

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
export async function resolveTargets(ctx: Pick<MasterContext, "db">, t: Targets): Promise<string[]> {
  if (t.node_ids) {
    const wanted = [...new Set(t.node_ids)];
    const known = new Set(await knownNodeIds(ctx, wanted));
    const missing = wanted.filter((id) => !known.has(id));
    if (missing.length) {
      throw errors.invalid(
        "unknown target nodes",
        missing.slice(0, 20).map((id) => ({ field: "targets.node_ids", message: `no node ${id}` })),
      );
    }
    return wanted;
  }
  const ids = await nodeIdsWithLabels(ctx, t.labels ?? {});
  if (ids.length === 0) throw errors.invalid("the targets match no node", [{ field: "targets", message: "no node matches" }]);
  return ids;
}
