/**
 * Containers: every container of the fleet, filterable, with live state.
 */
import { ContainersTable } from "../components/containers-table.js";
import { LoadState } from "../components/load-state.js";
import { Pager } from "../components/pager.js";
import { useFilters } from "../lib/use-query-state.js";
import { useList } from "../lib/use-list.js";
import { useLiveEvent } from "../lib/use-live.js";
import type { Container } from "../types.js";

/** Containers lists containers fleet-wide. */
export function Containers() {
  const [f, setF] = useFilters(["node_id", "state", "image"] as const);
  const list = useList<Container>("/containers", f);
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
          Node id
          <input value={f.node_id} onChange={(e) => setF("node_id", e.currentTarget.value)} />
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
          Image
          <input value={f.image} onChange={(e) => setF("image", e.currentTarget.value)} />
        </label>
      </form>
      <LoadState {...list} what="The container list" empty={list.items.length === 0} />
      {list.items.length > 0 && <ContainersTable items={list.items} showNode onChanged={list.reload} />}
      <Pager list={list} />
    </section>
  );
}
