/** Alerts and notifications: rules evaluated in memory, alert instances, silences, channels, in-app notifications. */
import type { MasterContext } from "../context.js";
import { newId } from "../ids.js";
import { createChannelStore } from "../notify/channel-store.js";
import { createChannelService, type ChannelService } from "../notify/channels.js";
import { createSenders } from "../notify/senders.js";
import type { LabelIndex } from "../webhooks/node-labels.js";
import { createAlertStore } from "./alert-store.js";
import { createEvaluator } from "./evaluator.js";
import { createAlertService, type AlertService } from "./service.js";

/** Alerts is the component started by the composition root; its services go into the HTTP Services record. */
export interface Alerts {
  /** service manages rules, alerts, silences and in-app notifications. */
  service: AlertService;
  /** channels manages notification channels. */
  channels: ChannelService;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** DEFAULT_RULES ship enabled with every install (created once; operators may edit or delete them). */
export const DEFAULT_RULES = [
  { builtin: "node_offline", name: "Node offline", kind: "node_offline", severity: "high", forSeconds: 120, params: "{}" },
  {
    builtin: "filesystem_full",
    name: "Filesystem above 90 %",
    kind: "metric_threshold",
    severity: "medium",
    forSeconds: 600,
    params: JSON.stringify({ metric: "filesystem", threshold: 0.9 }),
  },
];

/**
 * createAlerts builds notification channels, the alert evaluator and
 * service, and in-app notifications for alerts, finished scans and webhooks
 * disabled after failing too long.
 */
export function createAlerts(
  ctx: MasterContext,
  deps: { labels: LabelIndex; isOnline: (nodeId: string) => boolean; uiBase: () => string; tickMs?: number },
): Alerts {
  const log = ctx.log.child({ component: "alerts" });
  const c = ctx.config;
  const uiLink = (path: string) => `${deps.uiBase()}${path}`;
  const senders = createSenders({
    allow: c.webhookAllowedHosts,
    smtpUrl: c.smtpUrl,
    smtpFrom: c.smtpFrom,
    smtpRequireTls: c.smtpRequireTls,
    timeoutMs: c.webhookTimeoutMs,
  });
  const channelStore = createChannelStore(ctx);
  const channels = createChannelService({ store: channelStore, senders, allow: c.webhookAllowedHosts, uiLink });
  const store = createAlertStore(ctx);
  const evaluator = createEvaluator({
    store,
    bus: ctx.bus,
    labels: deps.labels,
    log,
    metrics: ctx.metrics,
    isOnline: deps.isOnline,
    uiLink,
    tickMs: deps.tickMs,
    notify: (ids, m) => channels.notify(ids, m),
  });
  const service = createAlertService({ store, evaluator, channelExists: async (ids) => (await channelStore.many(ids)).map((x) => x.id) });
  let unsubscribe: (() => void) | null = null;
  return {
    service,
    channels,
    async start() {
      for (const r of DEFAULT_RULES) await store.rules.ensureBuiltin({ id: newId("alr"), ...r });
      await evaluator.start();
      unsubscribe = ctx.bus.subscribe((e) => {
        if (e.type === "webhook.disabled") {
          const id = String(e.data.webhook_id ?? "");
          void store.notifications
            .fanOut((userId) => ({
              id: newId("ntf"),
              userId,
              kind: "webhook",
              title: `Webhook ${String(e.data.webhook_name ?? id)} disabled: ${String(e.data.reason ?? "failing too long")}`,
              link: `/webhooks/${id}`,
            }))
            .catch((err) => log.warn({ err }, "webhook notification failed"));
          return;
        }
        if (e.type !== "scan.completed" && e.type !== "scan.failed") return;
        const id = String(e.data.scan_id ?? "");
        void store.notifications
          .fanOut((userId) => ({
            id: newId("ntf"),
            userId,
            kind: "scan",
            title: `Scan ${id} ${e.type === "scan.completed" ? "completed" : "failed"}`,
            link: `/scans/${id}`,
          }))
          .catch((err) => log.warn({ err }, "scan notification failed"));
      });
    },
    async stop() {
      unsubscribe?.();
      await evaluator.stop();
      senders.close();
    },
  };
}
