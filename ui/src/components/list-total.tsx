/**
 * ListTotal says how many items match a list's filters, and how many of
 * them this page shows.
 */
import type { ListState } from "../lib/use-list.js";

/** ListTotal renders "42 nodes · showing 25" once the list's total is known. */
export function ListTotal({ list, one, many }: { list: Pick<ListState<unknown>, "total" | "error" | "items">; one: string; many: string }) {
  if (list.total === null || list.error) return null;
  return (
    <p class="muted total" data-testid="total" aria-live="polite">
      {list.total === 1 ? `1 ${one}` : `${list.total} ${many}`}
      {list.total > list.items.length && ` · showing ${list.items.length}`}
    </p>
  );
}
