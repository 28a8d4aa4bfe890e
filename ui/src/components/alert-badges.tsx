/**
 * Alert badges: the open alerts of a node on its page, and the count of a
 * node's open alerts in the nodes table; both link to the alerts page.
 */
import type { Alert } from "../automation-types.js";
import { useOpenAlerts } from "../lib/open-alerts.js";
import { Badge } from "./badge.js";

const link = (nodeId: string) => `#/alerts?node_id=${encodeURIComponent(nodeId)}`;

/** AlertBadges lists a node's firing and acknowledged alerts (nothing when there are none). */
export function AlertBadges({ nodeId }: { nodeId: string }) {
  const { items } = useOpenAlerts(nodeId);
  if (items.length === 0) return null;
  return (
    <div class="alert-badges" role="status" aria-label="Open alerts" data-testid="node-alerts">
      {items.map((a) => (
        <a key={a.id} href={link(nodeId)} title={a.summary}>
          <Badge value={a.state} /> <Badge value={a.severity} /> {a.summary}
        </a>
      ))}
    </div>
  );
}

/** OpenAlertCount is the number of a node's open alerts, linked, or a dash. */
export function OpenAlertCount({ alerts, nodeId }: { alerts: Alert[] | undefined; nodeId: string }) {
  if (!alerts?.length) return <span class="muted">—</span>;
  const firing = alerts.filter((a) => a.state === "firing").length;
  return (
    <a href={link(nodeId)} title={alerts.map((a) => a.summary).join("\n")}>
      <Badge value={firing ? "firing" : "acknowledged"} /> {alerts.length}
    </a>
  );
}
