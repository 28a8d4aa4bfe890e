/**
 * TriageDialog sets a finding's triage status and note.
 */
import { useState } from "preact/hooks";
import { api, describeError } from "../api.js";
import { TRIAGE_STATUSES, type Finding } from "../types.js";
import { Dialog } from "./dialog.js";

/** TriageDialog PATCHes /findings/{fingerprint} with {status, note}. */
export function TriageDialog({ finding, onClose, onSaved }: { finding: Finding; onClose: () => void; onSaved: (f: Finding) => void }) {
  const [status, setStatus] = useState<string>(finding.triage_status || "open");
  const [note, setNote] = useState(finding.triage_note ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const f = await api.patch<Finding>(`/findings/${encodeURIComponent(finding.fingerprint)}`, { status, note });
      onSaved(f);
      onClose();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={`Triage: ${finding.title}`} onClose={onClose}>
      <form onSubmit={save}>
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
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div class="row end">
          <button type="button" class="btn btn-plain" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy}>
            {busy && <span class="spinner" aria-hidden="true" />}
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
