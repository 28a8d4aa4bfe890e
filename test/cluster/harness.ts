import { connect as tcp } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { startMaster, type MasterProc } from "../helpers/processes.js";

/** NATS_URL is the NATS server replica tests use (the one CI provisions). */
export const NATS_URL = process.env.FLOTILLA_TEST_NATS_URL ?? "nats://127.0.0.1:4222";

/** natsReachable reports whether the NATS server accepts TCP connections. */
export function natsReachable(): Promise<boolean> {
  const u = new URL(NATS_URL);
  return new Promise((ok) => {
    const s = tcp(Number(u.port || 4222), u.hostname);
    s.once("connect", () => (s.destroy(), ok(true)));
    s.once("error", () => ok(false));
  });
}

/** requireNats skips the suite where NATS is absent, and fails it under CI. */
export async function requireNats(ctx: Mocha.Context): Promise<void> {
  if (await natsReachable()) return;
  if (process.env.CI === "true") throw new Error(`NATS is not reachable at ${NATS_URL}`);
  ctx.skip();
}

/** startReplica starts a master in cluster mode on `dbUrl` with its own, empty data dir. */
export function startReplica(dbUrl: string, args: string[] = []): Promise<MasterProc> {
  const dataDir = mkdtempSync(join(tmpdir(), "flotilla-replica-"));
  return startMaster({ dbUrl, dataDir, args: ["--nats-url", NATS_URL, ...args] });
}

/** Line is one log line on a log follow socket. */
export type Line = { stream: string; text: string; ts: string };

/** follow opens a log follow socket and records its lines and its close. */
export async function follow(url: string, headers: Record<string, string>) {
  const ws = new WebSocket(url, { headers });
  const lines: Line[] = [];
  const closed = new Promise<{ code: number; reason: string; at: number }>((ok) =>
    ws.on("close", (code, reason) => ok({ code, reason: reason.toString(), at: Date.now() })),
  );
  ws.on("message", (raw) => lines.push(JSON.parse(raw.toString()) as Line));
  await new Promise<void>((ok, fail) => {
    ws.once("open", () => ok());
    ws.once("unexpected-response", (_req, res) => fail(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once("error", fail);
  });
  return { ws, lines, closed };
}
