/**
 * ActionButton runs an async action: disabled with a spinner while pending,
 * errors shown as a toast with the server's message and request id.
 */
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { describeError } from "../api.js";
import { toast } from "../lib/toast.js";

/** ActionButtonProps configures an ActionButton. */
export interface ActionButtonProps {
  onClick: () => Promise<unknown> | unknown;
  children: ComponentChildren;
  kind?: "primary" | "danger" | "plain";
  /** Toast shown on success. */
  done?: string;
  disabled?: boolean;
  label?: string;
  type?: "button" | "submit";
  testId?: string;
}

/** ActionButton is a button that shows progress and errors of its action. */
export function ActionButton(p: ActionButtonProps) {
  const [busy, setBusy] = useState(false);
  const run = async (ev: Event) => {
    ev.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      await p.onClick();
      if (p.done) toast(p.done);
    } catch (err) {
      toast(describeError(err), "error");
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type={p.type ?? "button"}
      class={`btn btn-${p.kind ?? "plain"}`}
      disabled={busy || p.disabled}
      aria-busy={busy}
      aria-label={p.label}
      data-testid={p.testId}
      onClick={run}
    >
      {busy && <span class="spinner" aria-hidden="true" />}
      {p.children}
    </button>
  );
}
