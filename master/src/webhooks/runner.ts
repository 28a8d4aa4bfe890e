import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
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
  /** Poll period for endpoints known to have due deliveries in the queue (retries, overflow). */
  pollMs: number;
  /** Period of a claim round over every endpoint (other replicas' expired leases, rows from before a restart). */
  sweepMs: number;
  /** Fresh deliveries held in memory per endpoint; more wait in the database queue. */
  memoryQueue: number;
  allow: AllowList;
}

/** Endpoint is an enabled webhook as the runner holds it. */
export interface Endpoint {
  row: Webhook;
  /** Signing secrets, newest first (two during a rotation). */
  secrets: () => string[];
}

/** Pending is a delivery ready to be sent: claimed from the queue, or fresh and leased when it was stored. */
export type Pending = Pick<WebhookDelivery, "id" | "msgId" | "eventType" | "payload" | "attempts" | "leaseUntil">;

/** jittered spreads a delay by ±20 %. */
export const jittered = (ms: number) => Math.round(ms * (0.8 + Math.random() * 0.4));

/**
 * createRunner sends webhook deliveries. Fresh deliveries of a healthy
 * endpoint arrive in memory right after they are committed (leased to this
 * process when stored); the database queue is for retries, for what did not
 * fit in memory and for recovery after a restart, claimed with a lease
 * (row locks with SKIP LOCKED on PostgreSQL). Each endpoint has at most
 * `concurrency` requests in flight. A failing endpoint takes no fresh
 * deliveries in memory and is fed from the queue once per poll only, so a
 * dead endpoint costs a bounded amount of work and memory and never waits
 * in the way of the others. Outcomes are written back in batches.
 */
export function createRunner(deps: { store: WebhookStore; bus: EventBus; log: Logger; metrics: Metrics }, o: RunnerOptions) {
  const { store, log, metrics } = deps;
  let endpoints = new Map<string, Endpoint>();
  const inFlight = new Map<string, number>();
  /** Fresh deliveries handed over in memory, per endpoint, oldest first. */
  const memory = new Map<string, Pending[]>();
  /** Consecutive failed attempts per endpoint (0 or absent: healthy). */
  const streak = new Map<string, number>();
  const claiming = new Set<string>();
  /** Endpoints whose last claim found fewer due deliveries than free slots: claimed again only by the next pump. */
  const drained = new Set<string>();
  /** Endpoints that freed a slot while a claim was running: claimed again right after it. */
  const again = new Set<string>();
  /**
   * Per endpoint, the earliest time this process knows a delivery is due in
   * the queue (a retry it scheduled, a delivery stored without a lease, a
   * lease it let run out); the poll claims only for those, so an idle or
   * healthy endpoint costs no query per poll.
   */
  const dueAt = new Map<string, number>();
  const due = (id: string, at: number) => {
    if (at < (dueAt.get(id) ?? Infinity)) dueAt.set(id, at);
  };
  let outcomes: AttemptOutcome[] = [];
  let failed = new Set<string>();
  let succeeded = new Set<string>();
  /** One jittered retry time per attempt number per write batch, so failures share one update. */
  let retryAt = new Map<number, Date>();
  /** Endpoint health as last written (failingSince cleared or set). */
  const recorded = new Map<string, "ok" | "failing">();
  let writing: Promise<void> = Promise.resolve();
  let stopped = false;
  let pumpQueued = false;
  const timers: NodeJS.Timeout[] = [];
  const active = new Set<Promise<void>>();
  /** One keep-alive agent per endpoint, with as many connections as it may have requests in flight. */
  const agents = new Map<string, { url: string; agent: HttpAgent }>();
  const agentOf = (ep: Endpoint) => {
    const have = agents.get(ep.row.id);
    if (have?.url === ep.row.url) return have.agent;
    have?.agent.destroy();
    const opts = { keepAlive: true, maxSockets: o.concurrency, timeout: o.timeoutMs };
    const agent = ep.row.url.startsWith("https:") ? new HttpsAgent(opts) : new HttpAgent(opts);
    agents.set(ep.row.id, { url: ep.row.url, agent });
    return agent;
  };

  const flush = (): Promise<void> => {
    if (!outcomes.length) return writing;
    const batch = outcomes;
    const [f, s] = [failed, succeeded];
    outcomes = [];
    failed = new Set();
    succeeded = new Set();
    retryAt = new Map();
    // an endpoint's health is written when it changes (or is unknown since the start), not with every batch
    const nowOk = [...s].filter((id) => recorded.get(id) !== "ok");
    const nowFailing = [...f].filter((id) => !s.has(id) && recorded.get(id) !== "failing");
    writing = writing.then(async () => {
      try {
        await store.record(batch, nowOk, nowFailing);
        for (const id of nowOk) recorded.set(id, "ok");
        for (const id of nowFailing) recorded.set(id, "failing");
      } catch (err) {
        log.error({ err, count: batch.length }, "webhook outcome write failed; leases expire and the deliveries are retried");
      }
    });
    return writing;
  };

  const nextAttemptAt = (attempts: number) =>
    retryAt.get(attempts) ?? retryAt.set(attempts, new Date(Date.now() + jittered(o.retryScheduleMs[attempts]!))).get(attempts)!;

  const outcomeOf = (d: Pending, r: SendResult, headers: Record<string, string>): AttemptOutcome => {
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
      ...(status === "pending" ? { nextAttemptAt: nextAttemptAt(d.attempts) } : {}),
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

  const deliver = async (ep: Endpoint, d: Pending) => {
    const headers = signedHeaders(ep.secrets(), d.msgId, d.payload);
    const r = await postJson(ep.row.url, headers, d.payload, { allow: o.allow, timeoutMs: o.timeoutMs, agent: agentOf(ep) });
    const out = outcomeOf(d, r, headers);
    metrics.webhookDeliveries.inc({ outcome: out.status === "succeeded" ? "success" : out.status === "dead" ? "dead" : "retry" });
    if (out.status === "succeeded") {
      succeeded.add(ep.row.id);
      streak.delete(ep.row.id);
    } else {
      failed.add(ep.row.id);
      streak.set(ep.row.id, (streak.get(ep.row.id) ?? 0) + 1);
    }
    outcomes.push(out);
    if (out.nextAttemptAt) due(ep.row.id, out.nextAttemptAt.getTime());
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

  const healthy = (id: string) => !streak.get(id);

  /** start sends one delivery in a free slot; when it is done the slot takes the next one. */
  const start = (ep: Endpoint, d: Pending) => {
    const id = ep.row.id;
    inFlight.set(id, (inFlight.get(id) ?? 0) + 1);
    const p = deliver(ep, d)
      .catch((err) => log.error({ err, delivery_id: d.id }, "webhook delivery failed unexpectedly"))
      .finally(() => {
        inFlight.set(id, (inFlight.get(id) ?? 1) - 1);
        active.delete(p);
        if (endpoints.get(id) !== ep || stopped) return;
        fromMemory(ep);
        // a freed slot claims more of this endpoint's queue only while it is healthy and had more due
        if (healthy(id) && !drained.has(id)) refill(ep);
      });
    active.add(p);
  };

  /**
   * fromMemory fills free slots with fresh deliveries held in memory. One
   * whose lease would run out before its attempt could finish is left to
   * the queue, which claims it once the lease has expired.
   */
  const fromMemory = (ep: Endpoint) => {
    const q = memory.get(ep.row.id);
    while (q?.length && (inFlight.get(ep.row.id) ?? 0) < o.concurrency) {
      const d = q.shift()!;
      if (d.leaseUntil && d.leaseUntil.getTime() < Date.now() + o.timeoutMs + 500) {
        due(ep.row.id, d.leaseUntil.getTime());
        continue;
      }
      start(ep, d);
    }
  };

  const fill = async (ep: Endpoint) => {
    const id = ep.row.id;
    if (stopped) return;
    fromMemory(ep);
    const free = o.concurrency - (inFlight.get(id) ?? 0);
    if (claiming.has(id)) return void again.add(id);
    if (free <= 0) return;
    claiming.add(id);
    again.delete(id);
    const startedAt = Date.now();
    const dueBefore = dueAt.get(id);
    try {
      const batch = await store.claim(id, free, new Date(Date.now() + o.timeoutMs + 5_000));
      if (batch.length < free) {
        drained.add(id);
        // nothing more due now: forget what was due before this claim began (not what became known during it)
        if (dueAt.get(id) === dueBefore && (dueBefore ?? Infinity) <= startedAt) dueAt.delete(id);
      }
      for (const d of batch) start(ep, d);
    } catch (err) {
      log.error({ err, webhook_id: id }, "webhook queue claim failed");
    } finally {
      claiming.delete(id);
    }
    if (again.has(id) && healthy(id) && !drained.has(id) && endpoints.get(id) === ep) void fill(ep);
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
   * pump tops up every endpoint's free slots from the queue (coalesced to
   * one pass per tick): on the sweep, on queued test sends and redeliveries
   * and on endpoint changes.
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
  /** poll claims for the endpoints with deliveries known to be due. */
  const poll = () => {
    const now = Date.now();
    for (const ep of endpoints.values()) {
      if ((dueAt.get(ep.row.id) ?? Infinity) > now) continue;
      drained.delete(ep.row.id);
      void fill(ep);
    }
  };

  const disableStale = async () => {
    try {
      for (const w of await store.failingSince(new Date(Date.now() - o.disableAfterMs))) {
        const reason = `failing since ${w.failingSince!.toISOString()} without a successful delivery`;
        await store.update(w.id, { enabled: false, disabledReason: reason });
        endpoints.delete(w.id);
        memory.delete(w.id);
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
      // rows may have changed under us (re-enabled, edited): write health again once
      recorded.clear();
      for (const id of [...memory.keys()]) if (!endpoints.has(id)) memory.delete(id);
      for (const [id, a] of [...agents]) if (!endpoints.has(id)) (a.agent.destroy(), agents.delete(id));
      pump();
    },
    /**
     * room is how many fresh deliveries endpoint `id` takes in memory now:
     * none while it is failing, stopped or unknown. The others are stored
     * without a lease and claimed from the queue.
     */
    room(id: string): number {
      if (stopped || !endpoints.has(id) || !healthy(id)) return 0;
      return Math.max(0, o.memoryQueue - (memory.get(id)?.length ?? 0));
    },
    /** queued tells that endpoint `id` has fresh deliveries in the queue without a lease (no room in memory). */
    queued(id: string) {
      due(id, Date.now());
    },
    /** offer hands over fresh deliveries, stored with a lease for this process, once their transaction committed. */
    offer(id: string, list: Pending[]) {
      const ep = endpoints.get(id);
      if (!ep || stopped || !list.length) return;
      const q = memory.get(id) ?? memory.set(id, []).get(id)!;
      q.push(...list);
      fromMemory(ep);
    },
    pump,
    start() {
      timers.push(
        setInterval(poll, o.pollMs),
        setInterval(pump, o.sweepMs),
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
      memory.clear();
      for (const t of timers) clearInterval(t);
      await Promise.race([Promise.allSettled([...active]), new Promise((r) => setTimeout(r, 2_000))]);
      for (const a of agents.values()) a.agent.destroy();
      agents.clear();
      await flush();
    },
  };
}

/** Runner drains the webhook delivery queue. */
export type Runner = ReturnType<typeof createRunner>;
