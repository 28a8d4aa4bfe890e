/**
 * LabelsDialog edits a node's labels (PATCH /nodes/{id}).
 */
import { useState } from "preact/hooks";
import { api, describeError } from "../api.js";
import { labelsText, parseLabels } from "../lib/format.js";
import type { FleetNode } from "../types.js";
import { Dialog } from "./dialog.js";

/** LabelsDialog lets an operator replace a node's labels. */
export function LabelsDialog({ node, onClose, onSaved }: { node: FleetNode; onClose: () => void; onSaved: (n: FleetNode) => void }) {
  const [text, setText] = useState(labelsText(node.labels));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async (e: Event) => {
    e.preventDefault();
    const labels = parseLabels(text);
    if (typeof labels === "string") return setError(labels);
    setBusy(true);
    setError(null);
    try {
      const n = await api.patch<FleetNode>(`/nodes/${encodeURIComponent(node.id)}`, { labels });
      onSaved(n && n.id ? n : { ...node, labels });
      onClose();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={`Labels of ${node.name || node.hostname}`} onClose={onClose}>
      <form onSubmit={save}>
        <label>
          Labels (key=value, comma separated)
          <input name="labels" value={text} onInput={(e) => setText(e.currentTarget.value)} placeholder="env=prod,team=web" />
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
            Save labels
          </button>
        </div>
      </form>
    </Dialog>
  );
}
