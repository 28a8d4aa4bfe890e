/**
 * Containers: every container of the fleet, searchable (by the server) as
 * one types, filterable, sortable by any column, with live state and bulk
 * actions. Search, filters, sort and page live in the URL.
 */
import { ContainerBulk } from "../components/container-bulk.js";
import { ContainersTable, containerKey } from "../components/containers-table.js";
import { ListTotal } from "../components/list-total.js";
import { LoadState } from "../components/load-state.js";
import { Pager } from "../components/pager.js";
import { isOperator } from "../lib/session.js";
import { useFilters } from "../lib/use-query-state.js";
import { useList } from "../lib/use-list.js";
import { useLiveEvent } from "../lib/use-live.js";
import { useSearch } from "../lib/use-search.js";
import { useSelection } from "../lib/use-selection.js";
import type { Container } from "../types.js";

/** Containers lists containers fleet-wide. */
export function Containers() {
  const [f, setF] = useFilters(["q", "node_id", "state", "image", "sort", "order"] as const);
  const list = useList<Container>("/containers", f, 25, { inUrl: true });
  const sel = useSelection(list.items, containerKey);
  const [typed, setTyped] = useSearch(f.q, (q) => setF("q", q));
  useLiveEvent(["container.state"], (e) => {
    const d = e.data as { id?: string; container_id?: string; state?: string; status?: string };
    const id = d.container_id ?? d.id;
    if (!id || !d.state) return;
    list.setItems((items) =>
      items.map((c) => (c.id === id && c.node_id === e.node_id ? { ...c, state: d.state!, status: d.status ?? c.status } : c)),
    );
  });
  return (
    <section>
      <h1>Containers</h1>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search
          <input type="search" value={typed} placeholder="name, image or id" onInput={(e) => setTyped(e.currentTarget.value)} />
        </label>
        <label>
          State
          <select value={f.state} onChange={(e) => setF("state", e.currentTarget.value)}>
            <option value="">any</option>
            {["running", "exited", "created", "paused", "restarting", "removing", "dead"].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Node id
          <input value={f.node_id} onChange={(e) => setF("node_id", e.currentTarget.value.trim())} />
        </label>
        <label>
          Image
          <input value={f.image} onChange={(e) => setF("image", e.currentTarget.value.trim())} />
        </label>
      </form>
      <ListTotal list={list} one="container" many="containers" />
      {isOperator.value && <ContainerBulk sel={sel} onDone={list.reload} />}
      <LoadState {...list} what="The container list" empty={list.items.length === 0} />
      {list.items.length > 0 && (
        <ContainersTable
          items={list.items}
          showNode
          onChanged={list.reload}
          sel={isOperator.value ? sel : undefined}
          sorting={{
            sort: f.sort,
            order: f.order,
            onSort: (sort, order) => {
              setF("sort", sort);
              setF("order", order);
            },
          }}
        />
      )}
      <Pager list={list} />
    </section>
  );
}
