/**
 * SilenceForm mutes the notifications of a rule and/or a label selector
 * until an end time; alerts still change state while silenced.
 */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import type { AlertRule } from "../automation-types.js";
import { useList } from "../lib/use-list.js";
import { useSubmit } from "../lib/use-submit.js";
import { Dialog } from "./dialog.js";
import { FormError, SubmitButton } from "./form-parts.js";

const FOR: [string, number][] = [
  ["1 hour", 3600],
  ["4 hours", 4 * 3600],
  ["1 day", 86400],
  ["1 week", 7 * 86400],
];

/** SilenceForm creates a silence, preset to a rule when given. */
export function SilenceForm({ ruleId, title, onClose, onSaved }: { ruleId?: string; title?: string; onClose: () => void; onSaved: () => void }) {
  const rules = useList<AlertRule>("/alert-rules", {}, 100);
  const [rule, setRule] = useState(ruleId ?? "");
  const [labels, setLabels] = useState("");
  const [seconds, setSeconds] = useState(3600);
  const [comment, setComment] = useState("");
  const { busy, error, submit } = useSubmit(async () => {
    if (!rule && !labels.trim()) throw new Error("Choose a rule or give a label selector.");
    const ends_at = new Date(Date.now() + seconds * 1000).toISOString();
    await api.post("/silences", {
      ...(rule ? { rule_id: rule } : {}),
      ...(labels.trim() ? { labels: labels.trim() } : {}),
      ends_at,
      ...(comment ? { comment } : {}),
    });
    onSaved();
    onClose();
  });
  return (
    <Dialog title={title ?? "New silence"} onClose={onClose}>
      <form onSubmit={submit}>
        <label>
          Rule
          <select value={rule} onChange={(e) => setRule(e.currentTarget.value)}>
            <option value="">any rule</option>
            {rules.items.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Only nodes with labels (optional)
          <input value={labels} placeholder="env=staging" onInput={(e) => setLabels(e.currentTarget.value)} />
        </label>
        <label>
          For
          <select value={String(seconds)} onChange={(e) => setSeconds(Number(e.currentTarget.value))}>
            {FOR.map(([label, s]) => (
              <option key={s} value={String(s)}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Comment
          <input value={comment} placeholder="maintenance window" onInput={(e) => setComment(e.currentTarget.value)} />
        </label>
        <p class="muted small">Silenced alerts still fire, get acknowledged and resolve; only their notifications are muted.</p>
        <FormError error={error} />
        <div class="row end">
          <button type="button" class="btn btn-plain" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <SubmitButton busy={busy}>Silence</SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}
