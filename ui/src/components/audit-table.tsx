/**
 * AuditTable shows audit entries as "who did what to what, when", in plain
 * words, with the outcome and where the request came from.
 */
import type { ListState } from "../lib/use-list.js";
import { ago } from "../lib/format.js";
import { Badge } from "./badge.js";
import { ListTable } from "./list-table.js";

/** AuditEntry is one row of GET /audit. */
export interface AuditEntry {
  id: string;
  ts: string;
  actor_id: string | null;
  actor_name: string;
  actor_type: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  request_id: string | null;
  source: string | null;
  details: Record<string, unknown>;
}

/** describeAction turns "nodes.update" into "updated node". */
export function describeAction(action: string): string {
  const parts = action.split(".");
  const verb = parts[parts.length - 1] ?? "";
  const done: Record<string, string> = {
    create: "created",
    update: "updated",
    delete: "deleted",
    remove: "removed",
    run: "ran",
    cancel: "canceled",
    test: "tested",
    login: "signed in",
    logout: "signed out",
  };
  const thing = parts
    .slice(0, -1)
    .map((p) => p.replace(/-/g, " ").replace(/s$/, ""))
    .join(" ");
  return done[verb] && thing ? `${done[verb]} ${thing}` : parts.join(" ").replace(/[-_]/g, " ");
}

/** AuditTable renders a list of audit entries. */
export function AuditTable({ list, showTarget = true }: { list: ListState<AuditEntry>; showTarget?: boolean }) {
  return (
    <ListTable
      list={list}
      items={list.items}
      what="The audit log"
      testid="audit-table"
      columns={["When", "Who", "Did", showTarget && "To", "Outcome", "From"]}
      row={(a) => (
        <tr key={a.id}>
          <td title={a.ts}>{ago(a.ts)}</td>
          <td title={a.actor_id ?? undefined}>
            {a.actor_name} <span class="muted small">({a.actor_type})</span>
          </td>
          <td title={a.action}>{describeAction(a.action)}</td>
          {showTarget && <td class="wrap">{a.target_id ? <code>{a.target_id}</code> : "—"}</td>}
          <td>
            <Badge value={a.details.outcome === "failure" ? "failed" : "ok"} />
            {typeof a.details.code === "string" && <div class="muted small">{a.details.code}</div>}
          </td>
          <td>{a.source ?? "—"}</td>
        </tr>
      )}
    />
  );
}
