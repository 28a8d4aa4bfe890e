/**
 * LabelsDialog edits a node's labels (PATCH /nodes/{id}).
 */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { labelsText, parseLabels } from "../lib/format.js";
import type { FleetNode } from "../types.js";
import { Dialog } from "./dialog.js";
import { useSubmit } from "../lib/use-submit.js";
import { FormError, SubmitButton } from "./form-parts.js";

/** LabelsDialog lets an operator replace a node's labels. */
export function LabelsDialog({ node, onClose, onSaved }: { node: FleetNode; onClose: () => void; onSaved: (n: FleetNode) => void }) {
  const [text, setText] = useState(labelsText(node.labels));
  const { busy, error, submit } = useSubmit(async () => {
    const labels = parseLabels(text);
    if (typeof labels === "string") throw new Error(labels);
    const n = await api.patch<FleetNode>(`/nodes/${encodeURIComponent(node.id)}`, { labels });
    onSaved(n && n.id ? n : { ...node, labels });
    onClose();
  });
  return (
    <Dialog title={`Labels of ${node.name || node.hostname}`} onClose={onClose}>
      <form onSubmit={submit}>
        <label>
          Labels (key=value, comma separated)
          <input name="labels" value={text} onInput={(e) => setText(e.currentTarget.value)} placeholder="env=prod,team=web" />
        </label>
        <FormError error={error} />
        <div class="row end">
          <button type="button" class="btn btn-plain" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <SubmitButton busy={busy}>Save labels</SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}
