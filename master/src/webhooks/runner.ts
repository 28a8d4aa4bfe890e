import type { Logger } from "@flotilla/shared";
import type { EventBus } from "../events/types.js";
import { newId } from "../ids.js";
import type { Metrics } from "../metrics/registry.js";
import { postJson, type SendResult } from "./sender.js";
import { signedHeaders } from "./signing.js";
import type { AllowList } from "./ssrf.js";
import type { AttemptOutcome, Webhook, WebhookDelivery, WebhookStore } from "./webhook-store.js";

/** RunnerOptions tune delivery. */
export interface RunnerOptions {
  /** Delay before each retry; attempts = length + 1. */
  retryScheduleMs: number[];
  timeoutMs: number;
  /** Deliveries in flight per endpoint. */
  concurrency: number;
  /** An endpoint failing this long without a success is disabled. */
  disableAfterMs: number;
  /** Poll period for due retries (new deliveries wake the runner at once). */
  pollMs: number;
  allow: AllowList;
}

/** Endpoint is an enabled webhook as the runner holds it. */
export interface Endpoint {
  row: Webhook;
  /** Signing secrets, newest first (two during a rotation). */
  secrets: () => string[];
}

/** jittered spreads a delay by ±20 %. */
export const jittered = (ms: number) => Math.round(ms * (0.8 + Math.random() * 0.4));

/**
 * createRunner drains the delivery queue: per endpoint it leases at most
 * `concurrency` due deliveries, posts them, and writes outcomes back in
 * batches. A slow or dead endpoint only fills its own slots; the bus and the
 * other endpoints never wait for it.
 */
export function createRunner(deps: { store: WebhookStore; bus: EventBus; log: Logger; metrics: Metrics }, o: RunnerOptions) {
  const { store, log, metrics } = deps;
  let endpoints = new Map<string, Endpoint>();
  const inFlight = new Map<string, number>();
  const claiming = new Set<string>();
  /** Endpoints whose last claim found fewer due deliveries than free slots: refilled only by the next pump. */
  const drained = new Set<string>();
  /** Endpoints that freed a slot while a claim was running: claimed again right after it. */
  const again = new Set<string>();
  let outcomes: AttemptOutcome[] = [];
  let failed = new Set<string>();
  let succeeded = new Set<string>();
  let writing: Promise<void> = Promise.resolve();
  let stopped = false;
  let pumpQueued = false;
  const timers: NodeJS.Timeout[] = [];
  const active = new Set<Promise<void>>();

  const flush = (): Promise<void> => {
    if (!outcomes.length) return writing;
    const batch = outcomes;
    const [f, s] = [failed, succeeded];
    outcomes = [];
    failed = new Set();
    succeeded = new Set();
    writing = writing.then(async () => {
      try {
        await store.record(
          batch,
          [...s],
          [...f].filter((id) => !s.has(id)),
        );
      } catch (err) {
        log.error({ err, count: batch.length }, "webhook outcome write failed; leases expire and the deliveries are retried");
      }
    });
    return writing;
  };

  const outcomeOf = (d: WebhookDelivery, r: SendResult, headers: Record<string, string>): AttemptOutcome => {
    const ok = r.statusCode !== null && r.statusCode >= 200 && r.statusCode < 300;
    const attemptNo = d.attempts + 1;
    const status = ok ? "succeeded" : attemptNo > o.retryScheduleMs.length ? "dead" : "pending";
    const error =
      r.error ??
      (ok
        ? null
        : r.statusCode !== null && r.statusCode >= 300 && r.statusCode < 400
          ? `redirect (${r.statusCode}) not followed`
          : `HTTP ${r.statusCode}`);
    return {
      status,
      ...(status === "pending" ? { nextAttemptAt: new Date(Date.now() + jittered(o.retryScheduleMs[d.attempts]!)) } : {}),
      attempt: {
        id: newId("wha"),
        deliveryId: d.id,
        at: new Date(Date.now() - r.latencyMs),
        statusCode: r.statusCode,
        latencyMs: r.latencyMs,
        error,
        requestHeaders: JSON.stringify(headers),
        responseHeaders: r.responseHeaders ? JSON.stringify(r.responseHeaders) : null,
        responseBody: r.responseBody,
      },
    };
  };

  const deliver = async (ep: Endpoint, d: WebhookDelivery) => {
    const headers = signedHeaders(ep.secrets(), d.msgId, d.payload);
    const r = await postJson(ep.row.url, headers, d.payload, { allow: o.allow, timeoutMs: o.timeoutMs });
    const out = outcomeOf(d, r, headers);
    metrics.webhookDeliveries.inc({ outcome: out.status === "succeeded" ? "success" : out.status === "dead" ? "dead" : "retry" });
    (out.status === "succeeded" ? succeeded : failed).add(ep.row.id);
    outcomes.push(out);
    if (out.status === "dead") {
      log.warn({ webhook_id: ep.row.id, delivery_id: d.id, attempts: d.attempts + 1, error: out.attempt.error }, "webhook delivery dead");
      deps.bus.publish("webhook.failed", {
        webhook_id: ep.row.id,
        webhook_name: ep.row.name,
        delivery_id: d.id,
        event_id: d.msgId,
        event_type: d.eventType,
        attempts: d.attempts + 1,
        error: out.attempt.error,
      });
    }
    if (outcomes.length >= 100) void flush();
  };

  const fill = async (ep: Endpoint) => {
    const id = ep.row.id;
    const free = o.concurrency - (inFlight.get(id) ?? 0);
    if (claiming.has(id)) return void again.add(id);
    if (free <= 0 || stopped) return;
    claiming.add(id);
    again.delete(id);
    try {
      const batch = await store.claim(id, free, new Date(Date.now() + o.timeoutMs + 5_000));
      if (batch.length < free) drained.add(id);
      for (const d of batch) {
        inFlight.set(id, (inFlight.get(id) ?? 0) + 1);
        const p = deliver(ep, d)
          .catch((err) => log.error({ err, delivery_id: d.id }, "webhook delivery failed unexpectedly"))
          .finally(() => {
            inFlight.set(id, (inFlight.get(id) ?? 1) - 1);
            active.delete(p);
            // a freed slot claims more of this endpoint's queue only while it has more due
            if (!drained.has(id) && endpoints.get(id) === ep) refill(ep);
          });
        active.add(p);
      }
    } catch (err) {
      log.error({ err, webhook_id: id }, "webhook queue claim failed");
    } finally {
      claiming.delete(id);
    }
    if (again.has(id) && !drained.has(id) && endpoints.get(id) === ep) void fill(ep);
  };

  /** refill claims for the slots of one endpoint freed during this tick in one query round. */
  const refilling = new Set<string>();
  const refill = (ep: Endpoint) => {
    if (refilling.has(ep.row.id)) return;
    refilling.add(ep.row.id);
    setImmediate(() => {
      refilling.delete(ep.row.id);
      if (endpoints.get(ep.row.id) === ep) void fill(ep);
    });
  };

  /**
   * pump tops up every endpoint's free slots (coalesced to one pass per tick):
   * on new deliveries, on the poll for due retries and on endpoint changes.
   * Between pumps a finished delivery claims more of its own endpoint's queue
   * only, and only while that queue had more due, so a dead or idle endpoint
   * costs no queries per delivery of the others.
   */
  const pump = () => {
    if (pumpQueued || stopped) return;
    pumpQueued = true;
    setImmediate(() => {
      pumpQueued = false;
      drained.clear();
      for (const ep of endpoints.values()) void fill(ep);
    });
  };

  const disableStale = async () => {
    try {
      for (const w of await store.failingSince(new Date(Date.now() - o.disableAfterMs))) {
        const reason = `failing since ${w.failingSince!.toISOString()} without a successful delivery`;
        await store.update(w.id, { enabled: false, disabledReason: reason });
        endpoints.delete(w.id);
        log.warn({ webhook_id: w.id }, "webhook disabled after failing too long");
        deps.bus.publish("webhook.disabled", { webhook_id: w.id, webhook_name: w.name, url: w.url, reason });
      }
    } catch (err) {
      log.error({ err }, "webhook disable check failed");
    }
  };

  return {
    /** setEndpoints replaces the enabled endpoints the runner drains. */
    setEndpoints(list: Endpoint[]) {
      endpoints = new Map(list.map((e) => [e.row.id, e]));
      pump();
    },
    pump,
    start() {
      timers.push(
        setInterval(pump, o.pollMs),
        setInterval(() => void flush(), 50),
      );
      timers.push(
        setInterval(
          () =>
            void store.queueDepth().then(
              (n) => metrics.webhookQueueDepth.set(n),
              () => undefined,
            ),
          2_000,
        ),
      );
      timers.push(setInterval(() => void disableStale(), Math.min(60_000, Math.max(1_000, o.disableAfterMs / 10))));
      timers.push(setInterval(() => void store.prune(new Date(Date.now() - 7 * 86_400_000)).catch(() => undefined), 3_600_000));
      for (const t of timers) t.unref();
      void store.queueDepth().then(
        (n) => metrics.webhookQueueDepth.set(n),
        () => undefined,
      );
      pump();
    },
    /** stop gives in-flight attempts 2 s to finish and writes their outcomes; the rest keep their lease and are retried after it expires. */
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await Promise.race([Promise.allSettled([...active]), new Promise((r) => setTimeout(r, 2_000))]);
      await flush();
    },
  };
}

/** Runner drains the webhook delivery queue. */
export type Runner = ReturnType<typeof createRunner>;
