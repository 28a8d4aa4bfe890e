import { z } from "zod";

/** timestamp is an RFC 3339 UTC time as rendered by the API. */
export const timestamp = z.string().describe("RFC 3339 UTC time");

/** nullableTime is a timestamp that is null until the event happens. */
export const nullableTime = timestamp.nullable();

/** labelsSchema is a node's or token's key/value labels. */
export const labelsSchema = z.record(z.string(), z.string());

/** deletedSchema is the answer of a DELETE that returns a body: `{deleted: true}`. */
export const deletedSchema = z.object({ deleted: z.literal(true) });

/** deletedWithIdSchema is `{id, deleted: true}`. */
export const deletedWithIdSchema = deletedSchema.extend({ id: z.string() });

/** countsSchema counts things by a key (OS, agent version, scanner, node). */
export const countsSchema = z.record(z.string(), z.number().int());
