/**
 * EventRow renders one fleet event as a table row.
 */
import { time } from "../lib/format.js";
import type { FleetEvent } from "../types.js";

function summary(data: Record<string, unknown>): string {
  return Object.entries(data ?? {})
    .filter(([, v]) => v !== null && typeof v !== "object")
    .slice(0, 5)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(" ");
}

/** EventRow shows time, type, node link and a short data summary. */
export function EventRow({ e }: { e: FleetEvent }) {
  return (
    <tr>
      <td>{time(e.ts)}</td>
      <td>
        <code>{e.type}</code>
      </td>
      <td>{e.node_id ? <a href={`#/nodes/${encodeURIComponent(e.node_id)}`}>{e.node_id}</a> : "—"}</td>
      <td class="wrap">{summary(e.data)}</td>
    </tr>
  );
}
