import { z } from "zod";
import { timestamp } from "./common.js";

const pkg = z.object({ name: z.string(), version: z.string() });
const socket = z.object({ proto: z.enum(["tcp", "udp"]), address: z.string(), port: z.number().int(), process: z.string() });
const user = z.object({ name: z.string(), uid: z.number().int(), shell: z.string() });

/** censusDataSchema is what the host-census scanner records; a part the host did not report is absent. */
export const censusDataSchema = z.object({
  os: z.object({ id: z.string(), name: z.string(), version_id: z.string(), pretty_name: z.string() }).optional(),
  kernel: z.string().optional(),
  packages: z.array(pkg).optional(),
  listening: z.array(socket).optional(),
  users: z.array(user).optional(),
});

/** censusSnapshotSchema is GET /nodes/{id}/census: the newest host census of a node. */
export const censusSnapshotSchema = z.object({
  id: z.string(),
  node_id: z.string(),
  scan_id: z.string(),
  taken_at: timestamp,
  census: censusDataSchema,
});

const snapshotRef = z.object({ id: z.string(), scan_id: z.string(), taken_at: timestamp });

/** censusDiffSchema is GET /nodes/{id}/census/diff; `base` is null for a node's first census. */
export const censusDiffSchema = z.object({
  node_id: z.string(),
  base: snapshotRef.nullable(),
  head: snapshotRef,
  diff: z.object({
    packages: z.object({
      added: z.array(pkg),
      removed: z.array(pkg),
      changed: z.array(z.object({ name: z.string(), from: z.string(), to: z.string() })),
    }),
    listening: z.object({ added: z.array(socket), removed: z.array(socket) }),
    users: z.object({ added: z.array(user), removed: z.array(user) }),
  }),
});
