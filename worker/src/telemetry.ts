import { create } from "@bufbuild/protobuf";
import type { Logger } from "@flotilla/shared";
import {
  ContainerInventorySchema,
  EventBatchSchema,
  MetricBatchSchema,
  type ContainerInfo,
  type WorkerEvent,
} from "@flotilla/shared/gen/flotilla/v1/telemetry_pb.js";
import { sleep } from "./backoff.js";
import type { Spool } from "./spool.js";

/** Round is the outcome of one collection round. */
export interface Round {
  points: Array<{ name: string; value: number; labels?: Record<string, string> }>;
  statuses: Array<{ name: string; success: boolean; durationSeconds: number; error?: string }>;
}

/** TelemetryOptions configure {@link runTelemetry}. */
export interface TelemetryOptions {
  spool: Spool;
  intervalMs: number;
  /** collect runs every enabled collector once. */
  collect: () => Promise<Round>;
  /** inventory lists containers; undefined when the host has no Docker. */
  inventory?: () => Promise<ContainerInfo[] | undefined>;
  signal: AbortSignal;
  log: Logger;
  now?: () => number;
}

/** inventoryKey fingerprints an inventory so unchanged lists are not resent every round. */
function inventoryKey(list: ContainerInfo[]): string {
  return JSON.stringify(list.map((c) => [c.id, c.state, c.status, c.restartCount, c.name, c.imageId]));
}

/**
 * runTelemetry collects every `intervalMs` and enqueues one MetricBatch per
 * round, plus the container inventory when it changed (and at least every
 * 20 rounds). It keeps collecting into the spool while disconnected.
 * Resolves when the signal aborts.
 */
export async function runTelemetry(o: TelemetryOptions): Promise<void> {
  const now = o.now ?? Date.now;
  let lastInventory = "";
  let round = 0;
  while (!o.signal.aborted) {
    const started = now();
    try {
      const r = await o.collect();
      const batch = create(MetricBatchSchema, {
        snapshots: [
          {
            tsMs: BigInt(started),
            points: r.points.map((p) => ({
              name: p.name,
              value: p.value,
              labels: Object.entries(p.labels ?? {}).map(([name, value]) => ({ name, value })),
            })),
          },
        ],
        collectors: r.statuses.map((s) => ({ name: s.name, success: s.success, durationSeconds: s.durationSeconds, error: s.error ?? "" })),
      });
      if (!o.signal.aborted) await o.spool.enqueue({ case: "metrics", value: batch });
      const list = await o.inventory?.().catch((err: unknown) => {
        o.log.debug({ err }, "container inventory unavailable");
        return undefined;
      });
      if (list && !o.signal.aborted) {
        const key = inventoryKey(list);
        if (key !== lastInventory || round % 20 === 0) {
          await o.spool.enqueue({ case: "inventory", value: create(ContainerInventorySchema, { tsMs: BigInt(now()), containers: list }) });
          lastInventory = key;
        }
      }
    } catch (err) {
      o.log.warn({ err }, "telemetry round failed");
    }
    round++;
    await sleep(Math.max(0, o.intervalMs - (now() - started)), o.signal);
  }
}

/**
 * createEventBuffer batches host events and enqueues them as one EventBatch
 * at most every `flushMs`.
 */
export function createEventBuffer(spool: Spool, flushMs = 1000): { add(e: WorkerEvent): void; stop(): Promise<void> } {
  let pending: WorkerEvent[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = async () => {
    timer = undefined;
    if (pending.length === 0) return;
    const events = pending;
    pending = [];
    await spool.enqueue({ case: "events", value: create(EventBatchSchema, { events }) }).catch(() => {});
  };
  return {
    add(e) {
      pending.push(e);
      timer ??= setTimeout(() => void flush(), flushMs);
    },
    async stop() {
      if (timer) clearTimeout(timer);
      await flush();
    },
  };
}
