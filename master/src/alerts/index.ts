/** Alerts and notifications: rules evaluated in memory, alert instances, silences, channels, in-app notifications. */
import type { MasterContext } from "../context.js";
import type { EventBus } from "../events/types.js";
import { newId } from "../ids.js";
import { createChannelStore } from "../notify/channel-store.js";
import { createChannelService, type ChannelService } from "../notify/channels.js";
import { createSenders } from "../notify/senders.js";
import type { LabelIndex } from "../webhooks/node-labels.js";
import { createAlertStore } from "./alert-store.js";
import { alertEventData, createEvaluator, type Evaluator } from "./evaluator.js";
import { createAlertService, type AlertService } from "./service.js";

/** Alerts is the component started by the composition root; its services go into the HTTP Services record. */
export interface Alerts {
  /** service manages rules, alerts, silences and in-app notifications. */
  service: AlertService;
  /** channels manages notification channels. */
  channels: ChannelService;
  /**
   * evaluation is the rule evaluator as a leader singleton: with replicas it
   * runs on the leader only, over every replica's events, so each alert
   * fires and notifies once fleet-wide.
   */
  evaluation: { name: string; start(): Promise<void>; stop(): Promise<void> };
  /** reload rereads rules and silences after a change made through another replica. */
  reload(): Promise<void>;
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
  deps: {
    labels: LabelIndex;
    isOnline: (nodeId: string) => boolean;
    uiBase: () => string;
    tickMs?: number;
    /** feed carries every replica's events (cluster mode); the evaluator reads it. */
    feed?: EventBus;
    /** onChange tells the other replicas that rules or silences changed. */
    onChange?: () => void;
  },
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
  // A fresh evaluator per leadership term: conditions are rebuilt from the events it sees.
  let evaluator: Evaluator | null = null;
  const evaluation = {
    name: "alert evaluation",
    async start() {
      const e = createEvaluator({
        store,
        bus: ctx.bus,
        feed: deps.feed,
        labels: deps.labels,
        log,
        metrics: ctx.metrics,
        isOnline: deps.isOnline,
        uiLink,
        tickMs: deps.tickMs,
        notify: (ids, m) => channels.notify(ids, m),
      });
      await e.start();
      evaluator = e;
    },
    async stop() {
      const e = evaluator;
      evaluator = null;
      await e?.stop();
      ctx.metrics.alerts.reset();
    },
  };
  const service = createAlertService({
    store,
    evaluator: {
      async load() {
        await evaluator?.load();
        deps.onChange?.();
      },
      applied: async (a, action, by) => {
        if (evaluator) return evaluator.applied(a, action, by);
        // Not the evaluating replica: announce the change; the evaluator follows it from the event.
        const rule = await store.rules.get(a.ruleId);
        if (rule) ctx.bus.publish(`alert.${action}`, { ...alertEventData(a, rule), by }, a.nodeId ?? undefined);
      },
    },
    channelExists: async (ids) => (await channelStore.many(ids)).map((x) => x.id),
  });
  let unsubscribe: (() => void) | null = null;
  return {
    service,
    channels,
    evaluation,
    reload: async () => evaluator?.load(),
    async start() {
      for (const r of DEFAULT_RULES) await store.rules.ensureBuiltin({ id: newId("alr"), ...r });
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
      await evaluation.stop();
      senders.close();
    },
  };
}
