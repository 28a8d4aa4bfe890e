import type { Logger } from "@flotilla/shared";
import type { NodeClient } from "./client.js";
import { sleep } from "./backoff.js";
import { retryAfterMs, rpcError, withJitter } from "./rpc-error.js";
import type { Spool } from "./spool.js";

/** PusherOptions configure {@link runPusher}. */
export interface PusherOptions {
  client: NodeClient;
  spool: Spool;
  signal: AbortSignal;
  log: Logger;
}

/**
 * runPusher sends spooled batches in sequence order, one at a time, and
 * removes each once the master acknowledged it. Everything unacknowledged
 * stays on disk and is sent again by the next connection. A push refused
 * as overloaded (RESOURCE_EXHAUSTED with a retry hint) is retried after the
 * hinted pause plus jitter without dropping the connection. A batch the
 * master refuses as invalid is dropped so it cannot block the queue, and so
 * is a batch that fails its checksum on disk (the spool counts and logs it).
 * Resolves when the signal aborts; rejects on any other RPC failure.
 */
export async function runPusher(o: PusherOptions): Promise<void> {
  while (!o.signal.aborted) {
    await o.spool.prune();
    const next = o.spool.entries()[0];
    if (!next) {
      await o.spool.waitForData(o.signal);
      continue;
    }
    const req = await o.spool.read(next.seq);
    if (!req) continue;
    if (req.payload.case === "metrics") {
      req.payload.value.spoolDropped = BigInt(o.spool.dropped);
      req.payload.value.spoolCorrupt = BigInt(o.spool.corrupt);
    }
    try {
      const res = await o.client.push(req, { signal: o.signal, timeoutMs: 30_000 });
      await o.spool.ack(res.ackedSeq > next.seq ? res.ackedSeq : next.seq);
    } catch (err) {
      const wait = retryAfterMs(err);
      if (wait !== undefined) {
        // The master sheds telemetry while overloaded: the batch stays
        // spooled and is offered again after the requested pause, on the
        // same connection (heartbeats and commands keep flowing).
        o.log.debug({ seq: String(next.seq), retry_in_ms: wait }, "master busy; telemetry stays spooled");
        await sleep(withJitter(wait), o.signal);
        continue;
      }
      const e = rpcError(err);
      if (e.code !== "invalid_argument") throw e;
      o.log.warn({ seq: String(next.seq), err: e.message }, "master refused a telemetry batch; dropping it");
      await o.spool.ack(next.seq);
    }
  }
}
