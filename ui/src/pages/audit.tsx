/**
 * Audit: who did what, for administrators, searchable (by the server) as
 * one types and filtered by actor and action; search, filters and page live
 * in the URL.
 */
import { useState } from "preact/hooks";
import { AuditTable, type AuditEntry } from "../components/audit-table.js";
import { ListTotal } from "../components/list-total.js";
import { isAdmin } from "../lib/session.js";
import { useFilters } from "../lib/use-query-state.js";
import { useList } from "../lib/use-list.js";
import { useSearch } from "../lib/use-search.js";

/** Audit is the audit log page. */
export function Audit() {
  const [f, setF] = useFilters(["q", "actor", "action", "target_id"] as const);
  const list = useList<AuditEntry>(isAdmin.value ? "/audit" : null, f, 50, { inUrl: true });
  const [typed, setTyped] = useSearch(f.q, (q) => setF("q", q));
  const [actor, setActor] = useState(f.actor);
  const [action, setAction] = useState(f.action);
  if (!isAdmin.value)
    return (
      <section>
        <h1>Audit log</h1>
        <p class="muted">Only administrators read the audit log.</p>
      </section>
    );
  return (
    <section>
      <h1>Audit log</h1>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search
          <input type="search" value={typed} placeholder="action, user, target or detail" onInput={(e) => setTyped(e.currentTarget.value)} />
        </label>
        <label>
          Who
          <input
            value={actor}
            placeholder="user name"
            onInput={(e) => setActor(e.currentTarget.value)}
            onChange={(e) => setF("actor", e.currentTarget.value.trim())}
          />
        </label>
        <label>
          Action
          <input
            value={action}
            placeholder="nodes.* or users.create"
            onInput={(e) => setAction(e.currentTarget.value)}
            onChange={(e) => setF("action", e.currentTarget.value.trim())}
          />
        </label>
      </form>
      <ListTotal list={list} one="entry" many="entries" />
      <AuditTable list={list} />
    </section>
  );
}
