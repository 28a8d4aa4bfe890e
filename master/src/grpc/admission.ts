import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import type { FlotillaError } from "@flotilla/shared";
import { retryLater } from "./status.js";

/** AdmissionOptions bound how much new work the master takes on at once. */
export interface AdmissionOptions {
  /** New Session streams admitted per second (a restart storm is spread over time). */
  sessionsPerSecond: number;
  /** Sessions admitted at once before the rate applies. */
  sessionBurst: number;
  /** Telemetry pushes handled at once; beyond it pushes are refused with a retry hint. */
  maxPushesInFlight: number;
  /** Event-loop delay (p99 over the last second, ms) above which pushes are refused. */
  maxLagMs: number;
  /** Shortest retry hint given to a refused push. */
  pushRetryMs: number;
  now: () => number;
  /** lagMs returns the recent event-loop delay; defaults to a perf_hooks monitor. */
  lagMs?: () => number;
}

/** Admission decides whether a new session or telemetry push is served now or asked to come back. */
export interface Admission {
  /** admitSession takes a session token or returns the rate_limited error to answer with. */
  admitSession(): FlotillaError | undefined;
  /** admitPush starts a push (call the returned release when it is done) or returns the error to answer with. */
  admitPush(): { release: () => void } | FlotillaError;
  /** pushesInFlight is the number of pushes being handled. */
  readonly pushesInFlight: number;
  close(): void;
}

/** ADMISSION_DEFAULTS suit a two-core master holding ten thousand workers. */
export const ADMISSION_DEFAULTS: Omit<AdmissionOptions, "now"> = {
  sessionsPerSecond: 200,
  sessionBurst: 400,
  maxPushesInFlight: 512,
  maxLagMs: 500,
  pushRetryMs: 2000,
};

/** How long one reading of the event loop lag serves push admission, ms. */
const LAG_READ_MS = 100;

/**
 * createAdmission builds the master's overload policy. Heartbeats and
 * commands ride sessions that are already open and are never refused here;
 * new sessions are admitted at a bounded rate (token bucket), so thousands
 * of workers reconnecting after a restart come in waves instead of all at
 * once; telemetry pushes are refused with RESOURCE_EXHAUSTED and a retry hint
 * while too many are in flight or the event loop lags, and stay in the
 * worker's spool until it retries.
 */
export function createAdmission(options: Partial<AdmissionOptions> = {}): Admission {
  const o: AdmissionOptions = { ...ADMISSION_DEFAULTS, now: Date.now, ...options };
  let histogram: IntervalHistogram | undefined;
  let lastReset = o.now();
  // The percentile is read at most every LAG_READ_MS: computing it on every
  // push cost 2 % of the master's CPU at 2,000 workers.
  let lag = 0;
  let lagReadAt = -Infinity;
  const lagMs =
    o.lagMs ??
    (() => {
      if (!histogram) {
        histogram = monitorEventLoopDelay({ resolution: 20 });
        histogram.enable();
      }
      const now = o.now();
      if (now - lagReadAt < LAG_READ_MS) return lag;
      lagReadAt = now;
      lag = histogram.percentile(99) / 1e6;
      if (now - lastReset > 1000) {
        histogram.reset();
        lastReset = now;
      }
      return lag;
    });
  let tokens = o.sessionBurst;
  let refilled = o.now();
  let pushes = 0;
  const refill = () => {
    const now = o.now();
    tokens = Math.min(o.sessionBurst, tokens + ((now - refilled) / 1000) * o.sessionsPerSecond);
    refilled = now;
  };
  return {
    admitSession() {
      refill();
      if (tokens >= 1) {
        tokens -= 1;
        return undefined;
      }
      const waitMs = Math.ceil(((1 - tokens) / o.sessionsPerSecond) * 1000);
      return retryLater("the master is admitting reconnecting workers at a bounded rate, retry later", Math.max(1000, waitMs));
    },
    admitPush() {
      if (pushes >= o.maxPushesInFlight) return retryLater("the master is busy with telemetry, retry later", o.pushRetryMs);
      const lag = lagMs();
      if (lag > o.maxLagMs) return retryLater("the master is overloaded, retry later", Math.min(30_000, Math.max(o.pushRetryMs, Math.ceil(lag * 4))));
      pushes++;
      let released = false;
      return {
        release: () => {
          if (!released) ((released = true), pushes--);
        },
      };
    },
    get pushesInFlight() {
      return pushes;
    },
    close() {
      histogram?.disable();
    },
  };
}
