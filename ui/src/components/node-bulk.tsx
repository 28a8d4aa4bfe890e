/**
 * NodeBulk offers the bulk actions of the nodes table: add labels to every
 * ticked node, or scan them all in one scan.
 */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { labelsText, parseLabels } from "../lib/format.js";
import type { Selection } from "../lib/use-selection.js";
import type { FleetNode } from "../types.js";
import { BulkBar } from "./bulk-bar.js";
import { BulkDialog } from "./bulk-dialog.js";

const nameOf = (n: FleetNode) => n.name || n.hostname;

/** NodeBulk renders the toolbar and, once an action is picked, its dialog; onDone reloads the list. */
export function NodeBulk({ sel, onDone }: { sel: Selection<FleetNode>; onDone: () => void }) {
  const [action, setAction] = useState<"label" | "scan" | null>(null);
  const [text, setText] = useState("");
  const parsed = parseLabels(text);
  const labelError = typeof parsed === "string" ? parsed : Object.keys(parsed).length === 0 ? "Give at least one key=value" : null;
  const close = () => {
    setAction(null);
    setText("");
  };
  return (
    <>
      <BulkBar sel={sel} what="node">
        <button type="button" class="btn btn-plain" onClick={() => setAction("label")}>
          Add labels…
        </button>
        <button type="button" class="btn btn-plain" onClick={() => setAction("scan")}>
          Scan…
        </button>
      </BulkBar>
      {action === "label" && (
        <BulkDialog
          verb="Label"
          what="node"
          items={sel.chosen}
          idOf={(n) => n.id}
          nameOf={nameOf}
          valid={!labelError}
          run={async (n) => {
            if (typeof parsed === "string") throw new Error(parsed);
            const labels = { ...n.labels, ...parsed };
            await api.patch(`/nodes/${encodeURIComponent(n.id)}`, { labels });
            return `labels now ${labelsText(labels)}`;
          }}
          onClose={close}
          onDone={onDone}
        >
          <label>
            Labels to add (key=value, comma separated; an existing key is overwritten)
            <input value={text} placeholder="env=prod" onInput={(e) => setText(e.currentTarget.value)} />
          </label>
          {text && labelError && (
            <p class="error" role="alert">
              {labelError}
            </p>
          )}
        </BulkDialog>
      )}
      {action === "scan" && (
        <BulkDialog
          verb="Scan"
          what="node"
          items={sel.chosen}
          idOf={(n) => n.id}
          nameOf={nameOf}
          skip={(n) => (n.status === "offline" ? "the node is offline" : null)}
          runAll={async (nodes) => {
            const r = await api.post<{ scan_id: string }>("/scans", { targets: { node_ids: nodes.map((n) => n.id) } });
            return new Map(nodes.map((n) => [n.id, `queued in scan ${r.scan_id}`]));
          }}
          onClose={close}
          onDone={onDone}
        >
          <p>One scan with every scanner runs on the selected online nodes; its page shows the progress of each.</p>
        </BulkDialog>
      )}
    </>
  );
}
