/**
 * titleName lets a detail page put the name of what it shows (a node's
 * display name, a webhook's name) into the document title instead of its id.
 */
import { signal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { route } from "./router.js";

/** titleName is the name shown in the title for one route path. */
export const titleName = signal<{ path: string; name: string } | null>(null);

/** useTitleName names the current page once `name` is known. */
export function useTitleName(name: string | undefined | null): void {
  const path = route.value.path;
  useEffect(() => {
    if (name) titleName.value = { path, name };
  }, [name, path]);
}
