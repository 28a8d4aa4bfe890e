/**
 * TriageDialog sets a finding's triage status and note.
 */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { TRIAGE_STATUSES, type Finding } from "../types.js";
import { Dialog } from "./dialog.js";
import { useSubmit } from "../lib/use-submit.js";
import { FormError, SubmitButton } from "./form-parts.js";

/** TriageDialog PATCHes /findings/{fingerprint} with {status, note}. */
export function TriageDialog({ finding, onClose, onSaved }: { finding: Finding; onClose: () => void; onSaved: (f: Finding) => void }) {
  const [status, setStatus] = useState<string>(finding.triage_status || "open");
  const [note, setNote] = useState(finding.triage_note ?? "");
  const { busy, error, submit } = useSubmit(async () => {
    const f = await api.patch<Finding>(`/findings/${encodeURIComponent(finding.fingerprint)}`, { status, note });
    onSaved(f);
    onClose();
  });
  return (
    <Dialog title={`Triage: ${finding.title}`} onClose={onClose}>
      <form onSubmit={submit}>
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
            {TRIAGE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.replace(/_/g, " ")}
              </option>
            ))}
          </select>
        </label>
        <label>
          Note
          <textarea rows={3} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
        <FormError error={error} />
        <div class="row end">
          <button type="button" class="btn btn-plain" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <SubmitButton busy={busy}>Save</SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}
