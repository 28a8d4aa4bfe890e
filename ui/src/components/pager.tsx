/**
 * Pager shows the page number and previous/next buttons for a
 * cursor-paginated list.
 */
import type { ListState } from "../lib/use-list.js";

export type Paging = Pick<ListState<unknown>, "hasNext" | "hasPrev" | "loading" | "next" | "prev"> &
  Partial<Pick<ListState<unknown>, "pageNo" | "pages">>;

/** Pager renders the controls of a useList state. */
export function Pager({ list }: { list: Paging }) {
  if (!list.hasNext && !list.hasPrev) return null;
  return (
    <nav class="pager" aria-label="Pagination">
      <button type="button" class="btn btn-plain" onClick={list.prev} disabled={!list.hasPrev || list.loading}>
        ← Previous
      </button>
      {list.pageNo !== undefined && (
        <span class="muted" data-testid="page-number" aria-current="page">
          Page {list.pageNo}
          {list.pages ? ` of ${list.pages}` : ""}
        </span>
      )}
      <button type="button" class="btn btn-plain" onClick={list.next} disabled={!list.hasNext || list.loading}>
        Next →
      </button>
    </nav>
  );
}
