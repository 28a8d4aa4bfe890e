/** Page is the list envelope of every list operation. */
export interface Page<T> {
  items: T[];
  page: { limit: number; next_cursor: string | null; has_more: boolean };
}

/**
 * paginate iterates every item of a cursor-paged list: `fetchPage` is called
 * with each `next_cursor` (undefined first) until `has_more` is false.
 *
 * @example for await (const n of paginate((cursor) => api.GET("/api/v1/nodes", { params: { query: { cursor } } }).then((r) => r.data!))) …
 */
export async function* paginate<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T> {
  let cursor: string | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    yield* page.items;
    if (!page.page.has_more || !page.page.next_cursor) return;
    cursor = page.page.next_cursor;
  }
}
