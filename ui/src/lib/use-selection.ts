/**
 * useSelection tracks which rows of a list are ticked for a bulk action.
 * Only rows still in the list count, so a reload or a new page never acts
 * on rows the operator no longer sees.
 */
import { useState } from "preact/hooks";

/** Selection is what useSelection returns. */
export interface Selection<T> {
  /** Ids of the ticked rows that are in the list. */
  ids: Set<string>;
  /** The ticked rows, in list order. */
  chosen: T[];
  idOf: (item: T) => string;
  toggle: (id: string) => void;
  /** setAll ticks (true) or unticks every row of the list. */
  setAll: (on: boolean) => void;
  clear: () => void;
}

/** useSelection returns the selection state over `items`. */
export function useSelection<T>(items: T[], idOf: (item: T) => string): Selection<T> {
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const chosen = items.filter((i) => picked.has(idOf(i)));
  return {
    ids: new Set(chosen.map(idOf)),
    chosen,
    idOf,
    toggle: (id) =>
      setPicked((s) => {
        const n = new Set(s);
        if (!n.delete(id)) n.add(id);
        return n;
      }),
    setAll: (on) => setPicked(on ? new Set(items.map(idOf)) : new Set()),
    clear: () => setPicked(new Set()),
  };
}
