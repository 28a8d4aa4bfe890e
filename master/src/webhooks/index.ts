/** Webhooks: signed, durable, at-least-once delivery of fleet events to HTTP endpoints. */
import { parseLabels } from "@flotilla/shared";
import type { MasterContext } from "../context.js";
import type { FleetEvent } from "../events/types.js";
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

/** MEMORY_QUEUE is how many fresh deliveries per endpoint wait in memory; more wait in the database queue. */
const MEMORY_QUEUE = 256;
/**
 * FRESH_LEASE_MS (plus the attempt timeout) is how long a fresh delivery
 * handed over in memory stays leased to this process: it may wait that long
 * behind the endpoint's other deliveries. After a crash another replica
 * claims it once the lease ran out; a restarted SQLite master at once.
 */
const FRESH_LEASE_MS = 60_000;

/**
 * createWebhooks builds the webhooks component: the dispatcher joined to the
 * event bus's flushes (matching is in memory; the deliveries of a batch of
 * events are stored in the same transaction as the events, then handed to
 * the runner in memory, so publishing never waits for the database or an
 * endpoint), the delivery runner and the webhook service.
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
      sweepMs: 5_000,
      memoryQueue: MEMORY_QUEUE,
      allow: c.webhookAllowedHosts,
    },
  );
  let matchers: Matcher[] = [];
  let leave: (() => void) | null = null;
  const timers: NodeJS.Timeout[] = [];

  /** secretsOf opens an endpoint's secrets once per reload, not once per delivery. */
  const secretsOf = (w: Webhook) => {
    const current = box.open(w.secretEnc);
    const prev = w.prevSecretEnc && w.prevSecretUntil ? { secret: box.open(w.prevSecretEnc), until: w.prevSecretUntil.getTime() } : null;
    return () => (prev && prev.until > Date.now() ? [current, prev.secret] : [current]);
  };
  const endpointOf = (row: Webhook): Endpoint => ({ row, secrets: secretsOf(row) });
  const reload = async () => {
    const rows = await store.enabled();
    matchers = rows.map((row) => ({ row, globs: JSON.parse(row.eventTypes) as string[], selector: row.labels ? parseLabels(row.labels) : null }));
    runner.setEndpoints(rows.map(endpointOf));
  };
  const deliveryOf = (webhookId: string, e: FleetEvent, leaseUntil: Date | null = null): NewDelivery => ({
    id: newId("whd"),
    webhookId,
    msgId: e.id,
    eventType: e.type,
    payload: JSON.stringify(e),
    nextAttemptAt: new Date(),
    leaseUntil,
  });

  /** prepare matches a batch of stored events against the endpoints; fresh deliveries of healthy endpoints are leased to this process. */
  const prepare = (batch: FleetEvent[]) => {
    const rows: NewDelivery[] = [];
    const fresh = new Map<string, NewDelivery[]>();
    const queued = new Set<string>();
    const lease = new Date(Date.now() + c.webhookTimeoutMs + FRESH_LEASE_MS);
    for (const m of matchers) {
      let room = runner.room(m.row.id);
      for (const e of batch) {
        if (!matchesAny(m.globs, e.type)) continue;
        if (m.selector && (!e.node_id || !selectorMatches(m.selector, deps.labels.labelsOf(e.node_id)))) continue;
        // A webhook is not told about its own failures (no feedback loop).
        if ((e.type === "webhook.failed" || e.type === "webhook.disabled") && e.data.webhook_id === m.row.id) continue;
        const d = deliveryOf(m.row.id, e, room > 0 ? lease : null);
        rows.push(d);
        if (room-- > 0) (fresh.get(m.row.id) ?? fresh.set(m.row.id, []).get(m.row.id)!).push(d);
        else queued.add(m.row.id);
      }
    }
    if (!rows.length) return null;
    return {
      writes: store.enqueueWrite(rows),
      committed() {
        for (const [id, list] of fresh)
          runner.offer(
            id,
            list.map((d) => ({ ...d, attempts: 0, leaseUntil: d.leaseUntil ?? null })),
          );
        // the others are due in the queue and claimed by the runner's next poll
        for (const id of queued) runner.queued(id);
      },
    };
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
      if (w && !w.enabled) runner.setEndpoints([...matchers.map((m) => endpointOf(m.row)), endpointOf(w)]);
      runner.pump();
      return d.id;
    },
  });

  return {
    service,
    reload,
    async start() {
      // only one master uses a SQLite file: leases left by a killed process are void
      if (ctx.provider === "sqlite") await store.releaseLeases();
      await reload();
      leave = ctx.bus.join({ prepare });
      timers.push(setInterval(() => void reload().catch((err) => log.warn({ err }, "webhook reload failed")), 30_000));
      for (const t of timers) t.unref();
      runner.start();
    },
    async stop() {
      await ctx.bus.flush();
      leave?.();
      for (const t of timers) clearInterval(t);
      await runner.stop();
    },
  };
}
