/**
 * Toasts renders the toast stack in an aria-live region.
 */
import { dismiss, toasts } from "../lib/toast.js";

/** Toasts is mounted once by the shell. */
export function Toasts() {
  return (
    <div class="toasts" role="status" aria-live="polite">
      {toasts.value.map((t) => (
        <div key={t.id} class={`toast toast-${t.kind}`} data-testid="toast">
          <span>{t.text}</span>
          <button type="button" class="btn-x" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
