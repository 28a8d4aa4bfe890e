import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { create, toBinary } from "@bufbuild/protobuf";
import type { Logger } from "@flotilla/shared";
import { PushRequestSchema, type PushRequest } from "@flotilla/shared/gen/flotilla/v1/node_pb.js";
import { decodeBatch, encodeBatch } from "./spool-file.js";

/** SpoolEntry describes one pending batch on disk. */
export interface SpoolEntry {
  seq: bigint;
  tsMs: number;
  bytes: number;
  samples: number;
}

/** SpoolOptions configure {@link openSpool}. */
export interface SpoolOptions {
  dir: string;
  maxBytes: number;
  maxAgeMs: number;
  /** Last sequence number ever assigned (from node.json). */
  lastSeq: bigint;
  /** persistSeq stores a newly assigned sequence number before its batch is written. */
  persistSeq: (seq: bigint) => Promise<void>;
  now: () => number;
  /** Receives a warning for every corrupt batch skipped and every batch that could not be written. */
  log?: Logger;
}

/** Payload is the oneof of a PushRequest. */
export type Payload = PushRequest["payload"];

/**
 * Spool is the bounded on-disk queue of PushRequests: one file per batch,
 * strictly increasing sequence numbers, oldest dropped first when over the
 * size or age limit.
 */
export interface Spool {
  /** enqueue assigns the next seq, writes the batch and enforces the limits. */
  enqueue(payload: Payload): Promise<bigint>;
  /** entries lists pending batches in send order (after dropping expired ones). */
  entries(): SpoolEntry[];
  /**
   * read loads one pending batch. A batch whose checksum does not match (a
   * truncated or damaged file) is removed, counted in `corrupt` and its
   * samples in `dropped`; read then resolves undefined.
   */
  read(seq: bigint): Promise<PushRequest | undefined>;
  /** ack removes every batch with seq ≤ `seq`. */
  ack(seq: bigint): Promise<void>;
  /** prune drops batches past the age limit. */
  prune(): Promise<void>;
  /** waitForData resolves when a batch is pending (or the signal aborts). */
  waitForData(signal: AbortSignal): Promise<void>;
  /** Samples dropped (age or size limit, corrupt batch, failed write) since this spool was opened. */
  readonly dropped: number;
  /** Corrupt batches skipped since this spool was opened. */
  readonly corrupt: number;
  readonly lastSeq: bigint;
  readonly bytes: number;
}

const NAME = /^(\d{20})-(\d+)-(\d+)\.pb$/;

/** countSamples is the number of samples a payload carries (points, containers or events). */
export function countSamples(payload: Payload): number {
  switch (payload.case) {
    case "metrics":
      return payload.value.snapshots.reduce((n, s) => n + s.points.length, 0);
    case "inventory":
      return Math.max(1, payload.value.containers.length);
    case "events":
      return payload.value.events.length;
    default:
      return 0;
  }
}

/** openSpool loads pending batches from `dir` (created if needed). */
export async function openSpool(opts: Partial<SpoolOptions> & Pick<SpoolOptions, "dir">): Promise<Spool> {
  const o: SpoolOptions = {
    maxBytes: 64 * 1024 * 1024,
    maxAgeMs: 86_400_000,
    lastSeq: 0n,
    persistSeq: async () => {},
    now: Date.now,
    ...opts,
  };
  await mkdir(o.dir, { recursive: true, mode: 0o700 });
  let list: SpoolEntry[] = [];
  for (const name of await readdir(o.dir)) {
    const m = NAME.exec(name);
    if (!m) {
      if (name.includes(".tmp")) await unlink(join(o.dir, name)).catch(() => {});
      continue;
    }
    const st = await stat(join(o.dir, name));
    list.push({ seq: BigInt(m[1]!), tsMs: Number(m[2]), samples: Number(m[3]), bytes: st.size });
  }
  list.sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
  let lastSeq = list.reduce((max, e) => (e.seq > max ? e.seq : max), o.lastSeq);
  let bytes = list.reduce((n, e) => n + e.bytes, 0);
  let dropped = 0;
  let corrupt = 0;
  let waiters: Array<() => void> = [];
  let chain: Promise<unknown> = Promise.resolve();

  const file = (e: Pick<SpoolEntry, "seq" | "tsMs" | "samples">) => join(o.dir, `${e.seq.toString().padStart(20, "0")}-${e.tsMs}-${e.samples}.pb`);

  /** serial runs spool mutations one at a time. */
  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = chain.then(fn, fn);
    chain = p.catch(() => {});
    return p;
  }

  async function remove(e: SpoolEntry, countDropped: boolean): Promise<void> {
    list = list.filter((x) => x !== e);
    bytes -= e.bytes;
    if (countDropped) dropped += e.samples;
    // Logged before the file goes: a batch is never gone without a record of why.
    o.log?.debug({ seq: String(e.seq), samples: e.samples, outcome: countDropped ? "dropped" : "acknowledged" }, "spool batch removed");
    await unlink(file(e)).catch(() => {});
  }

  /** enforce drops the oldest batches until `incoming` more bytes fit under the limits. */
  async function enforce(incoming = 0): Promise<void> {
    const cutoff = o.now() - o.maxAgeMs;
    while (list.length > 0 && (bytes + incoming > o.maxBytes || list[0]!.tsMs < cutoff)) await remove(list[0]!, true);
  }

  await enforce();

  return {
    enqueue: (payload) =>
      serial(async () => {
        const samples = countSamples(payload);
        const lose = (err: unknown, what: string) => {
          // Nothing may vanish unseen: the samples count as dropped and are reported.
          dropped += samples;
          o.log?.warn(
            { err: (err as Error).message, code: (err as NodeJS.ErrnoException).code, samples, dropped_total: dropped },
            `spool could not ${what}; batch dropped`,
          );
          return 0n;
        };
        const seq = lastSeq + 1n;
        try {
          await o.persistSeq(seq);
        } catch (err) {
          // An unrecorded seq could be reused after a restart and dropped by the master as a duplicate.
          return lose(err, "record the batch sequence number");
        }
        lastSeq = seq;
        const data = encodeBatch(toBinary(PushRequestSchema, create(PushRequestSchema, { seq, payload })));
        const e: SpoolEntry = { seq, tsMs: o.now(), samples, bytes: data.byteLength };
        if (e.bytes > o.maxBytes) {
          // A batch larger than the whole spool can never be kept.
          dropped += e.samples;
          o.log?.warn({ seq: String(seq), samples, bytes: e.bytes, dropped_total: dropped }, "batch larger than the spool; batch dropped");
          return seq;
        }
        // Make room first: the directory never holds more than maxBytes, not even while writing.
        await enforce(e.bytes);
        const path = file(e);
        try {
          await writeFile(`${path}.tmp`, data, { mode: 0o600 });
          await rename(`${path}.tmp`, path);
        } catch (err) {
          await unlink(`${path}.tmp`).catch(() => {});
          return lose(err, "write a batch");
        }
        list.push(e);
        bytes += e.bytes;
        o.log?.debug({ seq: String(seq), samples }, "spool batch stored");
        if (list.length > 0) for (const w of waiters.splice(0)) w();
        return seq;
      }),
    entries: () => {
      const cutoff = o.now() - o.maxAgeMs;
      return list.filter((e) => e.tsMs >= cutoff);
    },
    read: async (seq) => {
      const e = list.find((x) => x.seq === seq);
      if (!e) throw new Error(`spool batch ${seq} is gone`);
      const path = file(e);
      const decoded = decodeBatch(await readFile(path), seq);
      if (decoded.ok) return decoded.request;
      await serial(async () => {
        if (!list.includes(e)) return;
        corrupt++;
        await remove(e, true);
      });
      o.log?.warn(
        { file: path, seq: String(seq), samples: e.samples, reason: decoded.reason, corrupt_total: corrupt },
        "corrupt spool batch skipped",
      );
      return undefined;
    },
    ack: (seq) =>
      serial(async () => {
        for (const e of list.filter((x) => x.seq <= seq)) await remove(e, false);
      }),
    prune: () => serial(() => enforce()),
    waitForData: (signal) =>
      new Promise<void>((resolve) => {
        if (list.length > 0 || signal.aborted) return resolve();
        const done = () => {
          waiters = waiters.filter((w) => w !== done);
          signal.removeEventListener("abort", done);
          resolve();
        };
        waiters.push(done);
        signal.addEventListener("abort", done, { once: true });
      }),
    get dropped() {
      return dropped;
    },
    get corrupt() {
      return corrupt;
    },
    get lastSeq() {
      return lastSeq;
    },
    get bytes() {
      return bytes;
    },
  };
}
