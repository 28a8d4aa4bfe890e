/**
 * Events: the stored event log, searchable (by the server) as one types,
 * with type and node filters and either time order, plus live events as
 * they arrive. Each event reads as a sentence; the raw event is one click
 * away. Search, filters, order and page live in the URL.
 */
import { useState } from "preact/hooks";
import { EventRow } from "../components/event-row.js";
import { ListTable } from "../components/list-table.js";
import { ListTotal } from "../components/list-total.js";
import { matches } from "../lib/live.js";
import { useFetch } from "../lib/use-fetch.js";
import { useFilters } from "../lib/use-query-state.js";
import { useList } from "../lib/use-list.js";
import { useLiveEvent } from "../lib/use-live.js";
import { useSearch } from "../lib/use-search.js";
import type { FleetEvent } from "../types.js";

type Types = Record<string, string> | { items: { type: string }[] } | { type: string; description?: string }[];

function typeNames(t: Types | null): string[] {
  if (!t) return [];
  if (Array.isArray(t)) return t.map((x) => x.type);
  if ("items" in t && Array.isArray(t.items)) return t.items.map((x) => (typeof x === "string" ? x : x.type));
  return Object.keys(t);
}

/** Events shows the event log and the live feed. */
export function Events() {
  const [f, setF] = useFilters(["q", "type", "node_id", "order"] as const);
  const list = useList<FleetEvent>("/events", f, 50, { inUrl: true });
  const types = useFetch<Types>("/events/types");
  const [live, setLive] = useState<FleetEvent[]>([]);
  const [typed, setTyped] = useSearch(f.q, (q) => (setLive([]), setF("q", q)));
  useLiveEvent(["node.*", "enrollment.*", "container.*", "command.*", "scan.*", "finding.*"], (e) => {
    if (e.type === "node.metrics") return;
    if (f.type && !matches(e.type, f.type)) return;
    if (f.node_id && e.node_id !== f.node_id) return;
    // Live rows go on top of the newest page only, and only when they match the search.
    if (f.order === "asc" || list.hasPrev) return;
    if (f.q && !JSON.stringify(e).toLowerCase().includes(f.q.toLowerCase())) return;
    setLive((l) => [e, ...l].slice(0, 100));
  });
  const seen = new Set(live.map((e) => e.id));
  const rows = [...live, ...list.items.filter((e) => !seen.has(e.id))];
  return (
    <section>
      <h1>Events</h1>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search
          <input type="search" value={typed} placeholder="type, node or any detail" onInput={(e) => setTyped(e.currentTarget.value)} />
        </label>
        <label>
          Type
          <select value={f.type} onChange={(e) => (setLive([]), setF("type", e.currentTarget.value))}>
            <option value="">all</option>
            {typeNames(types.data).map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label>
          Node id
          <input value={f.node_id} onChange={(e) => (setLive([]), setF("node_id", e.currentTarget.value))} />
        </label>
      </form>
      <ListTotal list={list} one="stored event" many="stored events" />
      <ListTable
        list={list}
        items={rows}
        what="The event log"
        testid="events-table"
        sorting={{
          keys: { Time: "time" },
          sort: "time",
          order: f.order || "desc",
          onSort: (_sort, order) => (setLive([]), setF("order", order)),
        }}
        columns={["Time", "Type", "Node", "Details"]}
        row={(e) => <EventRow key={e.id} e={e} />}
      />
    </section>
  );
}
