/**
 * useSearch keeps what is typed in a search box and hands it to the URL
 * (and so to the server) once typing pauses, not on every keystroke.
 */
import { useEffect, useState } from "preact/hooks";

/** SEARCH_DELAY_MS waits for a pause in typing before asking the server. */
export const SEARCH_DELAY_MS = 200;

/** useSearch returns the typed text and its setter; `commit` receives it after a pause. */
export function useSearch(current: string, commit: (q: string) => void): [string, (v: string) => void] {
  const [typed, setTyped] = useState(current);
  useEffect(() => {
    if (typed === current) return;
    const t = setTimeout(() => commit(typed), SEARCH_DELAY_MS);
    return () => clearTimeout(t);
  }, [typed]);
  return [typed, setTyped];
}
