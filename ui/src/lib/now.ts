/**
 * now is the current time in milliseconds, updated every second while the
 * page is open, so relative times ("5 s ago") re-render as they age.
 */
import { signal } from "@preact/signals";

/** now ticks once a second; reading it in a component subscribes the component. */
export const now = signal(Date.now());

setInterval(() => (now.value = Date.now()), 1000);
