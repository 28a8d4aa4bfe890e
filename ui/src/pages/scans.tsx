/**
 * Scans: start scans, follow their status live, pick two to compare.
 */
import { useState } from "preact/hooks";
import { Badge } from "../components/badge.js";
import { ListTable } from "../components/list-table.js";
import { ScanForm } from "../components/scan-form.js";
import { time } from "../lib/format.js";
import { href } from "../lib/router.js";
import { isOperator } from "../lib/session.js";
import { useList } from "../lib/use-list.js";
import { useLiveEvent } from "../lib/use-live.js";
import { scanStatusOf } from "../lib/scan-status.js";
import type { Scan } from "../types.js";

/** Scans lists scans. */
export function Scans() {
  const list = useList<Scan>("/scans");
  const [picked, setPicked] = useState<string[]>([]);
  useLiveEvent(["scan.*"], (e) => {
    const id = (e.data.scan_id ?? e.data.id) as string | undefined;
    const status = scanStatusOf(e.type);
    if (e.type === "scan.queued") return list.reload();
    list.setItems((items) =>
      items.map((s) =>
        s.id === id ? { ...s, status: status ?? s.status, progress: typeof e.data.progress === "number" ? e.data.progress : s.progress } : s,
      ),
    );
  });
  const pick = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));

  return (
    <section>
      <h1>Scans</h1>
      {isOperator.value && <ScanForm />}
      <div class="row">
        <h2>History</h2>
        <span class="spacer" />
        {picked.length === 2 ? (
          <a class="btn btn-plain" href={href("/scans/compare", { base: picked[0], head: picked[1] })}>
            Compare selected
          </a>
        ) : (
          <span class="muted small">Select two scans to compare</span>
        )}
      </div>
      <ListTable
        list={list}
        items={list.items}
        what="The scan list"
        testid="scans-table"
        columns={["Compare", "Scan", "Status", "Scanners", "Created", "Finished"]}
        row={(s) => (
          <tr key={s.id}>
            <td>
              <input type="checkbox" aria-label={`Select scan ${s.id} for comparison`} checked={picked.includes(s.id)} onChange={() => pick(s.id)} />
            </td>
            <td>
              <a href={`#/scans/${encodeURIComponent(s.id)}`}>{s.id}</a>
            </td>
            <td>
              <Badge value={s.status} />
              {s.status === "running" && typeof s.progress === "number" && <span class="muted small"> {Math.round(s.progress * 100)}%</span>}
            </td>
            <td>{(s.scanners ?? []).join(", ") || "all"}</td>
            <td>{time(s.created_at)}</td>
            <td>{time(s.finished_at)}</td>
          </tr>
        )}
      />
    </section>
  );
}
