/**
 * FindingBulk triages every ticked finding at once: one status and note,
 * one confirmation, a result per finding.
 */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import type { Selection } from "../lib/use-selection.js";
import { TRIAGE_STATUSES, type Finding } from "../types.js";
import { BulkBar } from "./bulk-bar.js";
import { BulkDialog } from "./bulk-dialog.js";

/** FindingBulk renders the toolbar and the triage dialog; onDone reloads the list. */
export function FindingBulk({ sel, onDone }: { sel: Selection<Finding>; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<string>("acknowledged");
  const [note, setNote] = useState("");
  return (
    <>
      <BulkBar sel={sel} what="finding">
        <button type="button" class="btn btn-plain" onClick={() => setOpen(true)}>
          Triage…
        </button>
      </BulkBar>
      {open && (
        <BulkDialog
          verb="Triage"
          what="finding"
          items={sel.chosen}
          idOf={(f) => f.fingerprint}
          nameOf={(f) => `${f.title} — ${f.resource}`}
          run={async (f) => {
            const saved = await api.patch<Finding>(`/findings/${encodeURIComponent(f.fingerprint)}`, { status, ...(note ? { note } : {}) });
            return (saved.triage_status || status).replace(/_/g, " ");
          }}
          onClose={() => {
            setOpen(false);
            sel.clear();
          }}
          onDone={onDone}
        >
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
            Note (kept as is when empty)
            <textarea rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </label>
        </BulkDialog>
      )}
    </>
  );
}
