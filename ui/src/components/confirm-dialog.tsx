/**
 * ConfirmDialog asks before a consequential action and shows its progress.
 */
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { describeError } from "../api.js";
import { Dialog } from "./dialog.js";

/** ConfirmDialogProps configures a ConfirmDialog. */
export interface ConfirmDialogProps {
  title: string;
  children: ComponentChildren;
  confirm: string;
  danger?: boolean;
  /** Runs the action; the dialog stays open and shows the error if it throws. */
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}

/** ConfirmDialog renders a modal with Cancel and a confirm button. */
export function ConfirmDialog(p: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const go = async () => {
    setBusy(true);
    setError(null);
    try {
      await p.onConfirm();
      p.onClose();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={p.title} onClose={p.onClose}>
      <div class="dialog-body">{p.children}</div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="row end">
        <button type="button" class="btn btn-plain" onClick={p.onClose} disabled={busy}>
          Cancel
        </button>
        <button type="button" class={`btn btn-${p.danger ? "danger" : "primary"}`} onClick={go} disabled={busy} aria-busy={busy}>
          {busy && <span class="spinner" aria-hidden="true" />}
          {p.confirm}
        </button>
      </div>
    </Dialog>
  );
}
