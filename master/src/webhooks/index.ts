/** Webhooks: signed, durable, at-least-once delivery of fleet events to HTTP endpoints. */
import { parseLabels } from "@flotilla/shared";
import type { MasterContext } from "../context.js";
import { isDurable, type FleetEvent } from "../events/types.js";
import { newId } from "../ids.js";
import { matchesAny } from "./event-globs.js";
import { selectorMatches, type LabelIndex } from "./node-labels.js";
import { createRunner, type Endpoint } from "./runner.js";
import { loadSecretBox } from "./secret.js";
import { createWebhookService, type WebhookService } from "./service.js";
import { createWebhookStore, type NewDelivery, type Webhook } from "./webhook-store.js";

export { createLabelIndex, selectorMatches, type LabelIndex } from "./node-labels.js";
export { checkOutboundUrl, parseAllowList, type AllowList } from "./ssrf.js";
export { postJson } from "./sender.js";
export { checkSelector } from "./service.js";

/** Webhooks is the component started by the composition root; its service backs the REST routes. */
export interface Webhooks {
  service: WebhookService;
  /** reload re-reads the enabled endpoints (another master replica changed them). */
  reload(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

interface Matcher {
  row: Webhook;
  globs: string[];
  selector: Record<string, string> | null;
}

/**
 * createWebhooks builds the webhooks component: the dispatcher following the
 * event bus (matching is in memory; queue inserts are batched every 50 ms, so
 * publishing never waits for the database or an endpoint), the delivery
 * runner and the webhook service.
 */
export function createWebhooks(ctx: MasterContext, deps: { labels: LabelIndex; onChange?: () => void }): Webhooks {
  const log = ctx.log.child({ component: "webhooks" });
  const store = createWebhookStore(ctx);
  const box = loadSecretBox(ctx.config.dataDir);
  const c = ctx.config;
  const runner = createRunner(
    { store, bus: ctx.bus, log, metrics: ctx.metrics },
    {
      retryScheduleMs: c.webhookRetryScheduleMs,
      timeoutMs: c.webhookTimeoutMs,
      concurrency: c.webhookConcurrency,
      disableAfterMs: c.webhookDisableAfterMs,
      pollMs: 500,
      allow: c.webhookAllowedHosts,
    },
  );
  let matchers: Matcher[] = [];
  let buffer: NewDelivery[] = [];
  let writing: Promise<void> = Promise.resolve();
  let unsubscribe: (() => void) | null = null;
  const timers: NodeJS.Timeout[] = [];

  const secretsOf = (w: Webhook) => () => {
    const s = [box.open(w.secretEnc)];
    if (w.prevSecretEnc && w.prevSecretUntil && w.prevSecretUntil > new Date()) s.push(box.open(w.prevSecretEnc));
    return s;
  };
  const reload = async () => {
    const rows = await store.enabled();
    matchers = rows.map((row) => ({ row, globs: JSON.parse(row.eventTypes) as string[], selector: row.labels ? parseLabels(row.labels) : null }));
    runner.setEndpoints(rows.map((row): Endpoint => ({ row, secrets: secretsOf(row) })));
  };
  const deliveryOf = (webhookId: string, e: FleetEvent): NewDelivery => ({
    id: newId("whd"),
    webhookId,
    msgId: e.id,
    eventType: e.type,
    payload: JSON.stringify(e),
    nextAttemptAt: new Date(),
  });
  const flush = (): Promise<void> => {
    if (!buffer.length) return writing;
    const batch = buffer;
    buffer = [];
    writing = writing.then(async () => {
      try {
        await store.enqueue(batch);
        runner.pump();
      } catch (err) {
        log.error({ err, count: batch.length }, "webhook enqueue failed");
      }
    });
    return writing;
  };
  const onEvent = (e: FleetEvent) => {
    // Live-only events (node.metrics) are for WebSocket subscribers, not webhooks.
    if (!isDurable(e.type)) return;
    for (const m of matchers) {
      if (!matchesAny(m.globs, e.type)) continue;
      if (m.selector && (!e.node_id || !selectorMatches(m.selector, deps.labels.labelsOf(e.node_id)))) continue;
      // A webhook is not told about its own failures (no feedback loop).
      if ((e.type === "webhook.failed" || e.type === "webhook.disabled") && e.data.webhook_id === m.row.id) continue;
      buffer.push(deliveryOf(m.row.id, e));
    }
    if (buffer.length >= 500) void flush();
  };

  const service = createWebhookService({
    store,
    box,
    allow: c.webhookAllowedHosts,
    async changed() {
      await reload();
      deps.onChange?.();
    },
    async enqueueNow(webhookId, e) {
      const d = deliveryOf(webhookId, e);
      await store.enqueue([d]);
      const w = await store.get(webhookId);
      // A disabled endpoint still gets its test sends and redeliveries.
      if (w && !w.enabled)
        runner.setEndpoints([...matchers.map((m) => ({ row: m.row, secrets: secretsOf(m.row) })), { row: w, secrets: secretsOf(w) }]);
      runner.pump();
      return d.id;
    },
  });

  return {
    service,
    reload,
    async start() {
      await reload();
      unsubscribe = ctx.bus.subscribe(onEvent);
      timers.push(
        setInterval(() => void flush(), 50),
        setInterval(() => void reload().catch((err) => log.warn({ err }, "webhook reload failed")), 30_000),
      );
      for (const t of timers) t.unref();
      runner.start();
    },
    async stop() {
      unsubscribe?.();
      for (const t of timers) clearInterval(t);
      await flush();
      await runner.stop();
    },
  };
}
