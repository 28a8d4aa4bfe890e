/**
 * ConfirmDialog asks before a consequential action and shows its progress.
 */
import type { ComponentChildren } from "preact";
import { useSubmit } from "../lib/use-submit.js";
import { Dialog } from "./dialog.js";
import { FormError, SubmitButton } from "./form-parts.js";

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
  const { busy, error, submit } = useSubmit(async () => {
    await p.onConfirm();
    p.onClose();
  });
  return (
    <Dialog title={p.title} onClose={p.onClose}>
      <div class="dialog-body">{p.children}</div>
      <FormError error={error} />
      <div class="row end">
        <button type="button" class="btn btn-plain" onClick={p.onClose} disabled={busy}>
          Cancel
        </button>
        <SubmitButton busy={busy} kind={p.danger ? "danger" : "primary"} onClick={() => void submit()}>
          {p.confirm}
        </SubmitButton>
      </div>
    </Dialog>
  );
}
