import { z } from "zod";
import { ENROLLMENT_OUTCOMES } from "../../services/join-tokens.js";
import { listResponseSchema, pageSchema } from "../paging.js";
import { countsSchema, labelsSchema, nullableTime, timestamp } from "./common.js";

const ratio = z.number().nullable();

/** nodeSchema is one enrolled host (GET /nodes/{id}), with its latest host figures when known. */
export const nodeSchema = z.object({
  id: z.string(),
  name: z.string(),
  hostname: z.string(),
  status: z.enum(["online", "offline"]),
  labels: labelsSchema,
  os: z.string(),
  os_version: z.string(),
  kernel: z.string(),
  arch: z.string(),
  cpus: z.number().int(),
  memory_bytes: z.number().int(),
  machine_id: z.string(),
  agent_version: z.string(),
  addresses: z.array(z.string()),
  enrolled_at: timestamp,
  last_seen_at: nullableTime,
  cert_expires_at: timestamp,
  duplicate_of: z.string().nullable().describe("Id of the node this one duplicates (same machine id), if any"),
  cpu_usage_ratio: ratio.describe("Latest CPU usage (0-1), null when unknown"),
  mem_usage_ratio: ratio.describe("Latest memory usage (0-1), null when unknown"),
  fs_max_usage_ratio: ratio.describe("Fullest file system's usage (0-1), null when unknown"),
});

/** nodeListSchema is GET /nodes: a page of nodes whose `page.total` counts every match. */
export const nodeListSchema = listResponseSchema(nodeSchema).extend({ page: pageSchema.extend({ total: z.number().int() }) });

/** nodeDeletedSchema is DELETE /nodes/{id}: the node is gone and its certificate revoked. */
export const nodeDeletedSchema = z.object({ id: z.string(), deleted: z.literal(true), revoked_serial: z.string() });

/** fleetStatusSchema is GET /fleet/status. */
export const fleetStatusSchema = z.object({
  total: z.number().int(),
  online: z.number().int(),
  offline: z.number().int(),
  by_os: countsSchema,
  by_agent_version: countsSchema,
});

/** joinTokenSchema is a join token without its secret. */
export const joinTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  labels: labelsSchema,
  max_uses: z.number().int().describe("0: unlimited"),
  uses: z.number().int(),
  expires_at: timestamp,
  revoked_at: nullableTime,
  created_at: timestamp,
  created_by: z.string().nullable(),
  status: z.enum(["active", "expired", "revoked", "exhausted"]),
});

/** joinTokenWithCommandSchema adds the ready join command, and the token string right after creation. */
export const joinTokenWithCommandSchema = joinTokenSchema.extend({
  token: z.string().optional().describe("The token string: only in the answer of POST /enrollment-tokens"),
  join_command: z.string(),
});

/** enrollmentAttemptSchema is one recorded enrollment try. */
export const enrollmentAttemptSchema = z.object({
  id: z.string(),
  token_id: z.string().nullable(),
  node_id: z.string().nullable(),
  outcome: z.enum(ENROLLMENT_OUTCOMES),
  reason: z.string(),
  source_addr: z.string(),
  hostname: z.string().nullable(),
  machine_id: z.string().nullable(),
  count: z.number().int().describe("Attempts this row stands for: rate-limited refusals from one source are aggregated per minute"),
  created_at: timestamp,
});
