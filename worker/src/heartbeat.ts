import { AGENT_VERSION } from "@flotilla/shared";
import { sleep } from "./backoff.js";
import type { NodeClient } from "./client.js";
import type { SessionBeat } from "./session.js";
import type { Spool } from "./spool.js";

/** HeartbeatOptions configure {@link runHeartbeats}. */
export interface HeartbeatOptions {
  client: NodeClient;
  /** Set when the master takes heartbeats on the session stream; else the Heartbeat call is used. */
  beat?: SessionBeat;
  spool: Spool;
  /** First interval, from SessionWelcome; each response may change it. */
  intervalMs: number;
  signal: AbortSignal;
}

/**
 * runHeartbeats sends a heartbeat at once and then at the interval the
 * master asks for, reporting spool state and acknowledging pushed batches
 * with the master's acked_seq. Resolves when the signal aborts; rejects on
 * an RPC failure or an unanswered beat.
 */
export async function runHeartbeats(o: HeartbeatOptions): Promise<void> {
  let interval = o.intervalMs > 0 ? o.intervalMs : 5000;
  while (!o.signal.aborted) {
    const req = {
      lastSeq: o.spool.lastSeq,
      spoolBatches: o.spool.entries().length,
      spoolDropped: BigInt(o.spool.dropped),
      spoolCorrupt: BigInt(o.spool.corrupt),
      agentVersion: AGENT_VERSION,
    };
    const timeoutMs = Math.max(5000, interval * 2);
    const res = o.beat ? await o.beat(req, timeoutMs) : await o.client.heartbeat(req, { signal: o.signal, timeoutMs });
    if (res.intervalMs > 0) interval = Math.max(100, res.intervalMs);
    if (res.ackedSeq > 0n) await o.spool.ack(res.ackedSeq);
    await sleep(interval, o.signal);
  }
}
