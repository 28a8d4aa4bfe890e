/**
 * EventRow renders one fleet event as a table row: when, what, which node,
 * a plain sentence, and the raw event on demand.
 */
import { describeEvent } from "../lib/event-text.js";
import { time } from "../lib/format.js";
import { nodeName } from "../lib/names.js";
import type { FleetEvent } from "../types.js";

/** EventRow shows time, type, node link, the event's sentence and its raw JSON behind a toggle. */
export function EventRow({ e }: { e: FleetEvent }) {
  return (
    <tr data-event-type={e.type}>
      <td title={e.ts}>{time(e.ts)}</td>
      <td>
        <code>{e.type}</code>
      </td>
      <td>
        {e.node_id ? (
          <a href={`#/nodes/${encodeURIComponent(e.node_id)}`} title={e.node_id}>
            {nodeName(e.node_id)}
          </a>
        ) : (
          "—"
        )}
      </td>
      <td class="wrap">
        <span data-testid="event-text">{describeEvent(e)}</span>
        <details class="raw">
          <summary>Raw</summary>
          <pre>{JSON.stringify(e, null, 2)}</pre>
        </details>
      </td>
    </tr>
  );
}
