/**
 * SelectHeader and SelectCell are the tick-box column of a table whose rows
 * can be picked for a bulk action.
 */
import type { Selection } from "../lib/use-selection.js";

/** SelectHeader ticks or unticks every row; it shows "some" as indeterminate. */
export function SelectHeader<T>({ sel, count }: { sel: Selection<T>; count: number }) {
  const n = sel.ids.size;
  return (
    <th scope="col" class="select">
      <input
        type="checkbox"
        aria-label="Select all rows"
        checked={n > 0 && n === count}
        ref={(el) => {
          if (el) el.indeterminate = n > 0 && n < count;
        }}
        onChange={(e) => sel.setAll(e.currentTarget.checked)}
      />
    </th>
  );
}

/** SelectCell ticks one row; `name` labels the box for screen readers. */
export function SelectCell<T>({ sel, item, name }: { sel: Selection<T>; item: T; name: string }) {
  const id = sel.idOf(item);
  return (
    <td class="select">
      <input type="checkbox" aria-label={`Select ${name}`} checked={sel.ids.has(id)} onChange={() => sel.toggle(id)} />
    </td>
  );
}
