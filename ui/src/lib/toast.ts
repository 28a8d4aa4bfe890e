/**
 * Toasts: short messages announced through an aria-live region.
 */
import { signal } from "@preact/signals";

/** Toast is one message. */
export interface Toast {
  id: number;
  kind: "ok" | "error";
  text: string;
}

/** toasts is the visible stack. */
export const toasts = signal<Toast[]>([]);
let next = 1;

/** toast shows a message for a few seconds (errors stay longer). */
export function toast(text: string, kind: Toast["kind"] = "ok"): void {
  const t = { id: next++, kind, text };
  toasts.value = [...toasts.value, t].slice(-5);
  setTimeout(() => dismiss(t.id), kind === "error" ? 10_000 : 4_000);
}

/** dismiss removes a toast. */
export function dismiss(id: number): void {
  toasts.value = toasts.value.filter((t) => t.id !== id);
}
