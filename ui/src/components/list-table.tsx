import type { VNode } from "preact";
import { LoadState, type LoadStateProps } from "./load-state.js";
import { Pager, type Paging } from "./pager.js";

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
              {p.columns.filter((c): c is string => c !== false).map((c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{p.items.map(p.row)}</tbody>
        </table>
      )}
      <Pager list={p.list} />
    </>
  );
}
