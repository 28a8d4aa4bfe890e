import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { MASTER_ENV, MASTER_NODE_FLAGS } from "../../master/runtime.mjs";
import { testDatabase } from "./database.js";

const ROOT = new URL("../..", import.meta.url).pathname;
export const MASTER_MAIN = join(ROOT, "master/dist/main.js");
export const WORKER_MAIN = join(ROOT, "worker/dist/main.js");

/** Proc is a child process with its captured JSON log lines. */
export interface Proc {
  child: ChildProcess;
  lines: string[];
  /** Resolves with the first log record matching pred (already seen or future). */
  waitForLog(pred: (rec: Record<string, unknown>, line: string) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/** spawnNode starts `node [nodeFlags] <main> args` and captures stdout/stderr lines. */
export function spawnNode(main: string, args: string[], env: NodeJS.ProcessEnv = {}, nodeFlags: string[] = []): Proc {
  const child = spawn(process.execPath, [...nodeFlags, main, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  const waiters = new Set<(line: string) => void>();
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on("line", (line) => {
      lines.push(line);
      if (process.env.FLOTILLA_TEST_VERBOSE) process.stderr.write(`[${child.pid}] ${line}\n`);
      for (const w of waiters) w(line);
    });
  }
  const exited = new Promise<number | null>((ok) => child.once("exit", (code, sig) => ok(code ?? (sig ? -1 : null))));
  const parse = (line: string): Record<string, unknown> | null => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      return null;
    }
  };
  return {
    child,
    lines,
    exited,
    waitForLog(pred, timeoutMs = 15_000) {
      for (const l of lines) {
        const r = parse(l);
        if (r && pred(r, l)) return Promise.resolve(r);
      }
      return new Promise((ok, fail) => {
        const t = setTimeout(() => {
          waiters.delete(w);
          fail(new Error(`timed out waiting for log line; last lines:\n${lines.slice(-15).join("\n")}`));
        }, timeoutMs);
        const w = (l: string) => {
          const r = parse(l);
          if (r && pred(r, l)) {
            clearTimeout(t);
            waiters.delete(w);
            ok(r);
          }
        };
        waiters.add(w);
        void exited.then((code) => {
          if (waiters.has(w)) {
            clearTimeout(t);
            waiters.delete(w);
            fail(new Error(`process exited (${code}) before the expected log line:\n${lines.slice(-15).join("\n")}`));
          }
        });
      });
    },
    async kill(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** MasterProc is a running master with its addresses and an admin API client. */
export interface MasterProc extends Proc {
  http: string;
  grpc: string;
  dataDir: string;
  dbUrl: string;
  api: ApiClient;
  restart(extraArgs?: string[]): Promise<MasterProc>;
  cleanup(): Promise<void>;
}

/**
 * startMaster starts `node master/dist/main.js` with the production runtime
 * profile (master/runtime.mjs) on free ports with a fresh database and an admin.
 */
export async function startMaster(
  opts: { args?: string[]; env?: NodeJS.ProcessEnv; dataDir?: string; dbUrl?: string; password?: string } = {},
): Promise<MasterProc> {
  const db = opts.dbUrl ? null : await testDatabase();
  const dataDir = opts.dataDir ?? db?.dir ?? mkdtempSync(join(tmpdir(), "flotilla-master-"));
  const dbUrl = opts.dbUrl ?? db!.url;
  const password = opts.password ?? "correct horse battery staple";
  const args = ["--http-addr", "127.0.0.1:0", "--grpc-addr", "127.0.0.1:0", "--data-dir", dataDir, "--database-url", dbUrl, ...(opts.args ?? [])];
  const p = spawnNode(
    MASTER_MAIN,
    args,
    { ...MASTER_ENV, FLOTILLA_ADMIN_PASSWORD: password, FLOTILLA_LOG_LEVEL: "info", ...opts.env },
    MASTER_NODE_FLAGS,
  );
  const rec = await p.waitForLog((r) => typeof r.http_addr === "string" && typeof r.grpc_addr === "string", 30_000);
  const http = `http://${rec.http_addr as string}`;
  const api = await ApiClient.login(http, "admin", password);
  const m: MasterProc = {
    ...p,
    http,
    grpc: rec.grpc_addr as string,
    dataDir,
    dbUrl,
    api,
    async restart(extraArgs = []) {
      await p.kill("SIGTERM");
      // Same addresses: workers keep dialling the address they know.
      const addrs = ["--http-addr", http.replace("http://", ""), "--grpc-addr", m.grpc];
      return startMaster({ ...opts, dataDir, dbUrl, password, args: [...(opts.args ?? []), ...extraArgs, ...addrs] }).then((n) => {
        // The new process is killed by its own cleanup; the data goes with the original's.
        const own = n.cleanup;
        n.cleanup = async () => {
          await own();
          await m.cleanup();
        };
        return n;
      });
    },
    async cleanup() {
      await p.kill("SIGKILL");
      if (db) await db.cleanup();
      else if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return m;
}

/** startWorker starts `node worker/dist/main.js` against a master. */
export function startWorker(
  master: { grpc: string },
  opts: { token?: string; stateDir?: string; args?: string[]; env?: NodeJS.ProcessEnv } = {},
): Proc & { stateDir: string } {
  const stateDir = opts.stateDir ?? mkdtempSync(join(tmpdir(), "flotilla-worker-"));
  const args = ["--master", master.grpc, "--state-dir", stateDir, ...(opts.token ? ["--join-token", opts.token] : []), ...(opts.args ?? [])];
  return { ...spawnNode(WORKER_MAIN, args, { FLOTILLA_LOG_LEVEL: "debug", ...opts.env }), stateDir };
}

/** ApiClient calls the REST API with a bearer token. */
export class ApiClient {
  constructor(
    readonly base: string,
    readonly token: string,
  ) {}

  static async login(base: string, username: string, password: string): Promise<ApiClient> {
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { access_token: string };
    return new ApiClient(base, body.access_token);
  }

  async call<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.base}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: res.status, body: parsed as T };
  }

  async get<T = any>(path: string): Promise<T> {
    const r = await this.call<T>("GET", path);
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async post<T = any>(path: string, body: unknown): Promise<T> {
    const r = await this.call<T>("POST", path, body);
    if (r.status >= 300) throw new Error(`POST ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
}

/** waitFor polls fn until it returns a truthy value or the timeout passes. */
export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs: number, what: string, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}
