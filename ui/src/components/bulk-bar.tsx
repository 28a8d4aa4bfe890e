/**
 * BulkBar appears above a table while rows are ticked: the count, the bulk
 * actions, and a way to clear the selection.
 */
import type { ComponentChildren } from "preact";
import type { Selection } from "../lib/use-selection.js";

/** BulkBar renders the toolbar of a selection; `what` names one row ("node"). */
export function BulkBar<T>({ sel, what, children }: { sel: Selection<T>; what: string; children: ComponentChildren }) {
  const n = sel.ids.size;
  if (n === 0) return null;
  return (
    <div class="bulk-bar" role="toolbar" aria-label="Bulk actions" data-testid="bulk-bar">
      <strong data-testid="selected-count">
        {n} {n === 1 ? what : `${what}s`} selected
      </strong>
      {children}
      <button type="button" class="btn btn-plain" onClick={sel.clear}>
        Clear selection
      </button>
    </div>
  );
}
