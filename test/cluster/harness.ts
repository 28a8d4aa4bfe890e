import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { connect as tcp, createServer } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { startMaster, waitFor, type MasterProc } from "../helpers/processes.js";

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
export function startReplica(dbUrl: string, args: string[] = [], natsUrl = NATS_URL): Promise<MasterProc> {
  const dataDir = mkdtempSync(join(tmpdir(), "flotilla-replica-"));
  return startMaster({ dbUrl, dataDir, args: ["--nats-url", natsUrl, ...args] });
}

/** freePort finds a TCP port nobody listens on at 127.0.0.1. */
export const freePort = () =>
  new Promise<number>((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });

/** accepts reports whether something accepts TCP connections on a local port. */
export const accepts = (port: number) =>
  new Promise<boolean>((ok) => {
    const s = tcp(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), ok(true)));
    s.once("error", () => ok(false));
  });

/** binary fails the suite when a tool the replicas are tested with is missing (never a skip). */
export function binary(name: string): string {
  for (const dir of ["/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin"]) {
    const p = join(dir, name);
    if (spawnSync("test", ["-x", p]).status === 0) return p;
  }
  const w = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
  if (w.status === 0 && w.stdout.trim()) return w.stdout.trim();
  throw new Error(`${name} is not installed: the replica tests need a real ${name}`);
}

/** startDaemon runs a tool in the foreground and waits for its port. */
export async function startDaemon(bin: string, args: string[], port: number): Promise<ChildProcess> {
  const p = spawn(bin, args, { stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  p.stderr!.on("data", (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
  await waitFor(
    async () => (p.exitCode !== null ? Promise.reject(new Error(`${bin} exited: ${err}`)) : accepts(port)),
    10_000,
    `${bin} on ${port}`,
    50,
  );
  return p;
}

/** stopDaemon signals a tool started by {@link startDaemon} and waits for it to exit. */
export const stopDaemon = async (p: ChildProcess | undefined, signal: NodeJS.Signals = "SIGTERM") => {
  if (!p || p.exitCode !== null || p.signalCode !== null) return;
  const gone = new Promise((r) => p.once("exit", r));
  p.kill(signal);
  await gone;
};

/** NatsServer is a nats-server of the test's own on a free port, which the test may stop and start again. */
export interface NatsServer {
  url: string;
  /** stop ends the server (SIGKILL unless told). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** start runs it again on the same port. */
  start(): Promise<void>;
}

/** startNats starts a nats-server on a free local port (fails the suite when nats-server is not installed). */
export async function startNats(): Promise<NatsServer> {
  const bin = binary("nats-server");
  const port = await freePort();
  const run = () => startDaemon(bin, ["-a", "127.0.0.1", "-p", String(port)], port);
  let p: ChildProcess | undefined = await run();
  return {
    url: `nats://127.0.0.1:${port}`,
    async stop(signal = "SIGKILL") {
      await stopDaemon(p, signal);
      p = undefined;
    },
    async start() {
      if (!p) p = await run();
    },
  };
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
