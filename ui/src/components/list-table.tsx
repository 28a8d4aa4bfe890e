import { cloneElement, type VNode } from "preact";
import { LoadState, type LoadStateProps } from "./load-state.js";
import type { Selection } from "../lib/use-selection.js";
import { Pager, type Paging } from "./pager.js";
import { SelectCell, SelectHeader } from "./select-cells.js";

/** ListTableProps describe one paged list shown as a table. */
export interface ListTableProps<T> {
  /** The list's load state and paging (a useList result). */
  list: LoadStateProps & Paging;
  /** The rows shown; usually the list's items. */
  items: T[];
  /** What the list is, for the "not available" message. */
  what: string;
  /** Column headings; a false entry is a column this user does not get. */
  columns: Array<string | false>;
  /** row renders one item as a keyed <tr>. */
  row: (item: T) => VNode;
  testid?: string;
  /** Columns the server sorts by: heading → sort key; with the current sort and a setter. */
  sorting?: { keys: Record<string, string>; sort: string; order: string; onSort: (sort: string, order: "asc" | "desc") => void };
  /** Tick boxes for bulk actions: the selection and a row's name for its box's label. */
  selection?: { sel: Selection<T>; nameOf: (item: T) => string };
}

/** Heading is a column heading; with a sort key it is a button that sorts by it. */
export function Heading({ label, sorting }: { label: string; sorting: ListTableProps<unknown>["sorting"] }) {
  const key = sorting?.keys[label];
  if (!sorting || !key) return <th scope="col">{label}</th>;
  const on = sorting.sort === key;
  const desc = on && sorting.order === "desc";
  return (
    <th scope="col" aria-sort={on ? (desc ? "descending" : "ascending") : "none"}>
      <button type="button" class="sort" onClick={() => sorting.onSort(key, on && !desc ? "desc" : "asc")}>
        {label} <span aria-hidden="true">{on ? (desc ? "▼" : "▲") : "↕"}</span>
      </button>
    </th>
  );
}

/** withSelect puts a tick box in front of a row's cells. */
function withSelect<T>(row: VNode, item: T, s: NonNullable<ListTableProps<T>["selection"]>): VNode {
  const props = row.props as { children?: unknown };
  return cloneElement(row, {}, <SelectCell sel={s.sel} item={item} name={s.nameOf(item)} />, props.children as VNode);
}

/**
 * ListTable shows a list's loading, empty, error and "not available" states,
 * then its rows under the given headings, then the pager.
 */
export function ListTable<T>(p: ListTableProps<T>) {
  return (
    <>
      <LoadState {...p.list} what={p.what} empty={p.items.length === 0} />
      {p.items.length > 0 && (
        <table class="table" data-testid={p.testid}>
          <thead>
            <tr>
              {p.selection && <SelectHeader sel={p.selection.sel} count={p.items.length} />}
              {p.columns
                .filter((c): c is string => c !== false)
                .map((c) => (
                  <Heading key={c} label={c} sorting={p.sorting as ListTableProps<unknown>["sorting"]} />
                ))}
            </tr>
          </thead>
          <tbody>{p.items.map((item) => (p.selection ? withSelect(p.row(item), item, p.selection) : p.row(item)))}</tbody>
        </table>
      )}
      <Pager list={p.list} />
    </>
  );
}
