/**
 * ContainerBulk offers start, stop and restart on every ticked container,
 * skipping those the action does not apply to.
 */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import type { Selection } from "../lib/use-selection.js";
import type { CommandResult, Container } from "../types.js";
import { BulkBar } from "./bulk-bar.js";
import { BulkDialog } from "./bulk-dialog.js";
import { containerKey, outcome, whyNot, type Action } from "./containers-table.js";

const ACTIONS: Action[] = ["start", "stop", "restart"];
const cap = (a: string) => a[0]!.toUpperCase() + a.slice(1);

/** ContainerBulk renders the toolbar and the dialog of the picked action; offline lists node ids that are offline. */
export function ContainerBulk({ sel, onDone, offline }: { sel: Selection<Container>; onDone: () => void; offline?: (nodeId: string) => boolean }) {
  const [action, setAction] = useState<Action | null>(null);
  return (
    <>
      <BulkBar sel={sel} what="container">
        {ACTIONS.map((a) => (
          <button key={a} type="button" class="btn btn-plain" onClick={() => setAction(a)}>
            {cap(a)}…
          </button>
        ))}
      </BulkBar>
      {action && (
        <BulkDialog
          verb={cap(action)}
          what="container"
          items={sel.chosen}
          idOf={containerKey}
          nameOf={(c) => c.name}
          danger={action !== "start"}
          skip={(c) => whyNot(action, c.state, offline?.(c.node_id) ?? false)}
          run={async (c) =>
            outcome(
              await api.post<CommandResult>(`/nodes/${encodeURIComponent(c.node_id)}/containers/${encodeURIComponent(c.id)}/actions`, { action }),
            )
          }
          onClose={() => setAction(null)}
          onDone={onDone}
        >
          <p>The worker of each container's node runs the command; each row shows its result here.</p>
        </BulkDialog>
      )}
    </>
  );
}
