/**
 * ContainersTable lists containers with their state; operators get
 * start/stop/restart actions behind a confirmation, and every row links to
 * its live logs.
 */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { bytes, percent } from "../lib/format.js";
import { nodeName } from "../lib/names.js";
import { toast } from "../lib/toast.js";
import type { Selection } from "../lib/use-selection.js";
import { isOperator } from "../lib/session.js";
import type { CommandResult, Container } from "../types.js";
import { Badge } from "./badge.js";
import { ConfirmDialog } from "./confirm-dialog.js";
import { Heading, type ListTableProps } from "./list-table.js";
import { SelectCell, SelectHeader } from "./select-cells.js";

/** Action is a container action. */
export type Action = "start" | "stop" | "restart";

/** outcome reads the command record an action answered: failures throw, a running command says so. */
export function outcome(r: CommandResult): string {
  if (r.status === "failed" || r.status === "timed_out" || r.status === "canceled")
    throw new Error(r.error_message ?? `the command ${r.status.replace("_", " ")} (command ${r.id})`);
  return r.status === "succeeded" ? "done" : `${r.status} (command ${r.id})`;
}

/** whyNot says why an action does not apply to a container in its state (null when it does). */
export function whyNot(action: Action, state: string, nodeOffline: boolean): string | null {
  if (nodeOffline) return "The node is offline";
  const up = state === "running" || state === "restarting" || state === "paused";
  if (action === "start" && up) return `Already ${state}`;
  if (action === "stop" && !up) return `Not running (${state})`;
  if (action === "restart" && state === "removing") return "Being removed";
  return null;
}

/** Figures are the latest CPU and memory of a container, when the list carries them. */
type WithFigures = Container & { cpu_ratio?: number | null; mem_usage_bytes?: number | null };

const SORTS: Record<string, string> = { Name: "name", Node: "node", Image: "image", State: "state", Status: "status", CPU: "cpu", Memory: "memory" };

/** containerKey identifies a container fleet-wide. */
export const containerKey = (c: Container) => `${c.node_id}/${c.id}`;

/**
 * ContainersTable renders containers; showNode adds a node column;
 * nodeOffline disables every action; `sorting` makes headings sort (by the
 * server) and `sel` adds tick boxes for bulk actions.
 */
export function ContainersTable({
  items,
  showNode,
  onChanged,
  nodeOffline = false,
  sorting,
  sel,
}: {
  items: WithFigures[];
  showNode?: boolean;
  onChanged?: () => void;
  nodeOffline?: boolean;
  sorting?: Omit<NonNullable<ListTableProps<unknown>["sorting"]>, "keys">;
  sel?: Selection<Container> | undefined;
}) {
  const sort = sorting && { ...sorting, keys: SORTS };
  const [pending, setPending] = useState<{ c: Container; action: Action } | null>(null);
  const run = async () => {
    if (!pending) return;
    const { c, action } = pending;
    const r = await api.post<CommandResult>(`/nodes/${encodeURIComponent(c.node_id)}/containers/${encodeURIComponent(c.id)}/actions`, { action });
    toast(`${action} ${c.name}: ${outcome(r)}`);
    onChanged?.();
  };
  return (
    <>
      <table class="table" data-testid="containers-table">
        <thead>
          <tr>
            {sel && <SelectHeader sel={sel} count={items.length} />}
            {["Name", showNode && "Node", "Image", "State", "Status", "CPU", "Memory"]
              .filter((c): c is string => !!c)
              .map((c) => (
                <Heading key={c} label={c} sorting={sort} />
              ))}
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={containerKey(c)} data-container-id={c.id} data-container-name={c.name}>
              {sel && <SelectCell sel={sel} item={c} name={c.name} />}
              <td title={c.id}>{c.name}</td>
              {showNode && (
                <td>
                  <a href={`#/nodes/${encodeURIComponent(c.node_id)}`} title={c.node_id}>
                    {nodeName(c.node_id)}
                  </a>
                </td>
              )}
              <td class="wrap">{c.image}</td>
              <td>
                <Badge value={c.state} testId="container-state" />
              </td>
              <td>{c.status ?? ""}</td>
              <td class="num">{c.state === "running" ? percent(c.cpu_ratio) : "—"}</td>
              <td class="num">{c.state === "running" && typeof c.mem_usage_bytes === "number" ? bytes(c.mem_usage_bytes) : "—"}</td>
              <td class="actions">
                <a class="btn btn-plain" href={`#/containers/${encodeURIComponent(c.node_id)}/${encodeURIComponent(c.id)}`}>
                  Logs
                </a>
                {isOperator.value &&
                  (["start", "stop", "restart"] as const).map((a) => {
                    const why = whyNot(a, c.state, nodeOffline);
                    return (
                      <button
                        key={a}
                        type="button"
                        class="btn btn-plain"
                        disabled={!!why}
                        title={why ?? undefined}
                        onClick={() => setPending({ c, action: a })}
                      >
                        {a[0]!.toUpperCase() + a.slice(1)}
                      </button>
                    );
                  })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {pending && (
        <ConfirmDialog
          title={`${pending.action[0]!.toUpperCase()}${pending.action.slice(1)} container?`}
          confirm={pending.action[0]!.toUpperCase() + pending.action.slice(1)}
          danger={pending.action !== "start"}
          onConfirm={run}
          onClose={() => setPending(null)}
        >
          <p>
            {pending.action} <strong>{pending.c.name}</strong> on node <code>{pending.c.node_id}</code>. The worker runs the command and the result is
            shown here.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
