/**
 * Hooks for pages that follow the live feed.
 */
import { useEffect, useRef } from "preact/hooks";
import type { FleetEvent } from "../types.js";
import { matches, onEvent } from "./live.js";

/** useLiveEvent calls fn for every live event whose type matches one of the patterns. */
export function useLiveEvent(patterns: string[], fn: (e: FleetEvent) => void): void {
  const ref = useRef(fn);
  ref.current = fn;
  const key = patterns.join("|");
  useEffect(
    () =>
      onEvent((e) => {
        if (patterns.some((p) => matches(e.type, p))) ref.current(e);
      }),
    [key],
  );
}
