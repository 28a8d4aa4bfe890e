import { create } from "@bufbuild/protobuf";
import { FlotillaError } from "@flotilla/shared";
import { ContainerLogsResultSchema, OutputLineSchema, type OutputLine } from "@flotilla/shared/gen/flotilla/v1/commands_pb.js";
import type Docker from "dockerode";
import { dockerError } from "./container-action.js";
import { defineHandler, type CommandContext } from "./handler.js";

/** LOG_LIMITS bound what one logs command reads and sends. */
export const LOG_LIMITS = {
  /** Longest line kept; longer lines are cut. */
  lineBytes: 16 * 1024,
  /** Total text of a non-follow answer; older lines are dropped beyond it (truncated). */
  resultBytes: 4 * 1024 * 1024,
  /** Lines and bytes of one streamed chunk. */
  chunkLines: 200,
  chunkBytes: 64 * 1024,
  /** Lines read ahead of the master before the engine stream is paused. */
  bufferedLines: 2_000,
};

const STREAMS: Record<number, string> = { 0: "stdout", 1: "stdout", 2: "stderr" };
const TS = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) ?/;

/** parseLogLine splits a `timestamps: true` line into its time (ms) and text. */
export function parseLogLine(stream: string, raw: string): OutputLine {
  const m = TS.exec(raw);
  const tsMs = m ? Date.parse(m[1]!) : Date.now();
  let text = m ? raw.slice(m[0].length) : raw;
  if (text.endsWith("\r")) text = text.slice(0, -1);
  if (Buffer.byteLength(text) > LOG_LIMITS.lineBytes) text = Buffer.from(text).subarray(0, LOG_LIMITS.lineBytes).toString("utf8");
  return create(OutputLineSchema, { stream, text, tsMs: BigInt(Number.isFinite(tsMs) ? tsMs : Date.now()) });
}

/**
 * createLogDemuxer turns the engine's multiplexed log stream (8-byte frame
 * header: stream type, 3 zero bytes, big-endian payload size) into lines
 * marked stdout/stderr. A TTY container's stream has no headers: all stdout.
 */
export function createLogDemuxer(tty: boolean, onLine: (line: OutputLine) => void) {
  let pending: Buffer = Buffer.alloc(0);
  const partial = new Map<string, string>();
  const emit = (stream: string, payload: Buffer) => {
    const text = (partial.get(stream) ?? "") + payload.toString("utf8");
    const parts = text.split("\n");
    const rest = parts.pop() ?? "";
    if (rest) partial.set(stream, rest);
    else partial.delete(stream);
    for (const p of parts) onLine(parseLogLine(stream, p));
  };
  return {
    push(chunk: Buffer) {
      if (tty) return emit("stdout", chunk);
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= 8) {
        const size = pending.readUInt32BE(4);
        if (pending.length < 8 + size) break;
        emit(STREAMS[pending[0]!] ?? "stdout", pending.subarray(8, 8 + size));
        pending = pending.subarray(8 + size);
      }
    },
    /** end flushes lines that never got their newline. */
    end() {
      for (const [stream, text] of partial) onLine(parseLogLine(stream, text));
      partial.clear();
    },
  };
}

/** logOptions maps a ContainerLogsCommand onto the engine's logs query. */
function logOptions(tail: number, sinceMs: bigint) {
  return {
    stdout: true,
    stderr: true,
    timestamps: true,
    ...(tail > 0 ? { tail } : {}),
    ...(sinceMs > 0n ? { since: Math.floor(Number(sinceMs) / 1000) } : {}),
  };
}

/**
 * containerLogs answers ContainerLogsCommand. Without follow it returns the
 * last `tail` lines (bounded in bytes, `truncated` when cut). With follow it
 * streams chunks of lines as CommandOutput, waiting for the master's credit
 * (the engine stream is paused meanwhile), until canceled or the container
 * stops. Allowed even when container actions are disabled.
 */
export const containerLogs = defineHandler({
  kind: "containerLogs",
  capability: "container_logs",
  async run(payload, ctx) {
    if (!payload.containerId) throw new FlotillaError("invalid_argument", "container_id is required");
    const docker = ctx.docker.client;
    const container = docker.getContainer(payload.containerId);
    const sinceMs = payload.sinceMs;
    const keep = (l: OutputLine) => sinceMs <= 0n || l.tsMs >= sinceMs;
    let tty: boolean;
    try {
      tty = Boolean((await container.inspect()).Config?.Tty);
    } catch (err) {
      throw dockerError(err, payload.containerId) ?? FlotillaError.from(err);
    }
    if (!payload.follow) {
      let buf: Buffer;
      try {
        buf = await container.logs({ ...logOptions(payload.tail, sinceMs), follow: false });
      } catch (err) {
        throw dockerError(err, payload.containerId) ?? FlotillaError.from(err);
      }
      const lines: OutputLine[] = [];
      const d = createLogDemuxer(tty, (l) => keep(l) && lines.push(l));
      d.push(buf);
      d.end();
      let bytes = 0;
      let first = lines.length;
      while (first > 0 && bytes + Buffer.byteLength(lines[first - 1]!.text) <= LOG_LIMITS.resultBytes)
        bytes += Buffer.byteLength(lines[--first]!.text);
      return { case: "containerLogs", value: create(ContainerLogsResultSchema, { lines: lines.slice(first), truncated: first > 0 }) };
    }
    return follow(container, tty, payload.tail, sinceMs, keep, ctx);
  },
});

async function follow(
  container: Docker.Container,
  tty: boolean,
  tail: number,
  sinceMs: bigint,
  keep: (l: OutputLine) => boolean,
  ctx: CommandContext,
) {
  let stream: NodeJS.ReadableStream;
  try {
    stream = await container.logs({ ...logOptions(tail, sinceMs), follow: true });
  } catch (err) {
    throw dockerError(err, container.id) ?? FlotillaError.from(err);
  }
  const queue: OutputLine[] = [];
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const poke = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const d = createLogDemuxer(tty, (l) => keep(l) && queue.push(l));
  stream.on("data", (chunk: Buffer) => {
    d.push(chunk);
    if (queue.length >= LOG_LIMITS.bufferedLines) stream.pause();
    poke();
  });
  const finish = (err?: unknown) => {
    if (ended) return;
    d.end();
    ended = true;
    failure = err;
    poke();
  };
  stream.on("end", () => finish());
  stream.on("close", () => finish());
  stream.on("error", (err: unknown) => finish(err));
  const stop = () => (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
  ctx.signal.addEventListener(
    "abort",
    () => {
      stop();
      finish();
    },
    { once: true },
  );
  try {
    while (!ctx.signal.aborted) {
      if (queue.length === 0) {
        if (ended) break;
        await new Promise<void>((r) => (wake = r));
        continue;
      }
      let bytes = 0;
      let n = 0;
      while (n < queue.length && n < LOG_LIMITS.chunkLines && bytes < LOG_LIMITS.chunkBytes) bytes += Buffer.byteLength(queue[n++]!.text);
      const batch = queue.splice(0, n);
      if (queue.length < LOG_LIMITS.bufferedLines / 2 && stream.isPaused()) stream.resume();
      await ctx.output(batch);
    }
  } finally {
    stop();
  }
  if (failure && !ctx.signal.aborted) throw dockerError(failure, container.id) ?? FlotillaError.from(failure);
  return { case: "containerLogs" as const, value: create(ContainerLogsResultSchema, { lines: [], truncated: false }) };
}
