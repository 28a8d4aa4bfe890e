import { z } from "zod";

/** DEFAULT_LIMIT and MAX_LIMIT bound `?limit=` on every list route. */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

/** pageQueryShape is the `limit`/`cursor` query shape; spread it into a route's query object. */
export const pageQueryShape = {
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT).describe("Page size (1-500)"),
  cursor: z.string().max(1024).optional().describe("Opaque cursor from page.next_cursor"),
};

/** pageQuery is a query schema with only paging parameters. */
export const pageQuery = z.object(pageQueryShape);

export * from "../services/paging.js";

/** pageSchema is the `page` object of every list response. */
export const pageSchema = z.object({
  limit: z.number().int(),
  next_cursor: z.string().nullable(),
  has_more: z.boolean(),
  total: z.number().int().optional().describe("Every matching item, where the list counts them"),
});

/** listResponseSchema describes a list response (`{items, page}`, SPEC §4). */
export function listResponseSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), page: pageSchema });
}
