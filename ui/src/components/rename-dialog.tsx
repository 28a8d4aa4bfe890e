/**
 * RenameDialog gives a node a display name (PATCH /nodes/{id} {name}).
 */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { useSubmit } from "../lib/use-submit.js";
import type { FleetNode } from "../types.js";
import { Dialog } from "./dialog.js";
import { FormError, SubmitButton } from "./form-parts.js";

/** RenameDialog lets an operator rename a node. */
export function RenameDialog({ node, onClose, onSaved }: { node: FleetNode; onClose: () => void; onSaved: (n: FleetNode) => void }) {
  const [name, setName] = useState(node.name || node.hostname);
  const { busy, error, submit } = useSubmit(async () => {
    const n = await api.patch<FleetNode>(`/nodes/${encodeURIComponent(node.id)}`, { name: name.trim() });
    onSaved(n && n.id ? n : { ...node, name: name.trim() });
    onClose();
  });
  return (
    <Dialog title={`Rename ${node.name || node.hostname}`} onClose={onClose}>
      <form onSubmit={submit}>
        <label>
          Display name
          <input required maxLength={128} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <p class="muted small">
          Hostname {node.hostname}, node id <code>{node.id}</code>.
        </p>
        <FormError error={error} />
        <div class="row end">
          <button type="button" class="btn btn-plain" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <SubmitButton busy={busy}>Save name</SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}
