import { connect as tcp } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
