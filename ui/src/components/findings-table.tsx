/**
 * FindingsTable lists findings; operators can triage each one.
 */
import { useState } from "preact/hooks";
import { bytes, money, time } from "../lib/format.js";
import { nodeName } from "../lib/names.js";
import { isOperator } from "../lib/session.js";
import type { Selection } from "../lib/use-selection.js";
import type { Finding } from "../types.js";
import { Badge } from "./badge.js";
import { Heading, type ListTableProps } from "./list-table.js";
import { SelectCell, SelectHeader } from "./select-cells.js";
import { TriageDialog } from "./triage-dialog.js";

const SORTS: Record<string, string> = {
  Severity: "severity",
  Finding: "title",
  Node: "node",
  Resource: "resource",
  Savings: "savings",
  Status: "status",
  "Last seen": "last_seen",
};

/**
 * FindingsTable renders findings; onSaved receives a triaged finding;
 * `sorting` makes headings sort (by the server); `sel` adds tick boxes.
 */
export function FindingsTable({
  items,
  onSaved,
  showNode = true,
  sorting,
  sel,
}: {
  items: Finding[];
  onSaved?: (f: Finding) => void;
  showNode?: boolean;
  sorting?: Omit<NonNullable<ListTableProps<unknown>["sorting"]>, "keys">;
  sel?: Selection<Finding> | undefined;
}) {
  const [triaging, setTriaging] = useState<Finding | null>(null);
  const canTriage = isOperator.value && !!onSaved;
  const sort = sorting && { ...sorting, keys: SORTS };
  return (
    <>
      <table class="table" data-testid="findings-table">
        <thead>
          <tr>
            {sel && <SelectHeader sel={sel} count={items.length} />}
            {["Severity", "Finding", showNode && "Node", "Resource", "Savings", "Status", "Last seen"]
              .filter((c): c is string => !!c)
              .map((c) => (
                <Heading key={c} label={c} sorting={sort} />
              ))}
            {canTriage && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((f) => (
            <tr key={f.fingerprint} data-fingerprint={f.fingerprint} data-rule={f.rule_id}>
              {sel && <SelectCell sel={sel} item={f} name={`${f.title} on ${f.resource}`} />}
              <td>
                <Badge value={f.severity} />
              </td>
              <td class="wrap">
                <strong>{f.title}</strong>
                <div class="muted small">
                  {f.scanner} · {f.rule_id} — {f.message}
                </div>
              </td>
              {showNode && (
                <td>
                  <a href={`#/nodes/${encodeURIComponent(f.node_id)}`} title={f.node_id}>
                    {nodeName(f.node_id)}
                  </a>
                </td>
              )}
              <td class="wrap">
                <code>{f.resource}</code>
              </td>
              <td>
                {Number(f.reclaimable_bytes ?? 0) > 0 && <div>{bytes(f.reclaimable_bytes)}</div>}
                {Number(f.monthly_cost ?? 0) > 0 && <div>{money(f.monthly_cost)}/mo</div>}
              </td>
              <td>
                <Badge value={f.status || "open"} testId="finding-status" />
                {f.status === "resolved" && f.triage_status !== "open" && <div class="muted small">was {f.triage_status.replace(/_/g, " ")}</div>}
                {f.triage_note && (
                  <div class="muted small" data-testid="triage-note">
                    {f.triage_note}
                    {f.triaged_by && ` — ${f.triaged_by}`}
                  </div>
                )}
              </td>
              <td>{time(f.last_seen_at)}</td>
              {canTriage && (
                <td>
                  <button type="button" class="btn btn-plain" onClick={() => setTriaging(f)}>
                    Triage
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {triaging && onSaved && <TriageDialog finding={triaging} onClose={() => setTriaging(null)} onSaved={onSaved} />}
    </>
  );
}
