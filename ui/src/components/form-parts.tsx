/**
 * SubmitButton and FormError are the pending button and the inline error of
 * a form driven by useSubmit.
 */
import type { ComponentChildren } from "preact";

/** SubmitButton is disabled with a spinner while its form is busy. */
export function SubmitButton(p: { busy: boolean; children: ComponentChildren; kind?: "primary" | "danger"; onClick?: () => void }) {
  return (
    <button type={p.onClick ? "button" : "submit"} class={`btn btn-${p.kind ?? "primary"}`} disabled={p.busy} aria-busy={p.busy} onClick={p.onClick}>
      {p.busy && <span class="spinner" aria-hidden="true" />}
      {p.children}
    </button>
  );
}

/** FormError shows a form's error, announced to screen readers. */
export function FormError({ error }: { error: string | null }) {
  return error ? (
    <p class="error" role="alert">
      {error}
    </p>
  ) : null;
}
