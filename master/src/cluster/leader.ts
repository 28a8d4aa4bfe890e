import { createHash } from "node:crypto";
import pg from "pg";
import type { Logger } from "@flotilla/shared";

/** Singleton is work that must run on one replica at a time (schedules, pruning, sweeps). */
export interface Singleton {
  name: string;
  start(): void | Promise<void>;
  stop(): Promise<void>;
}

/** Leadership runs the singletons while this process is the leader. */
export interface Leadership {
  isLeader(): boolean;
  /** add registers a singleton; it starts when (or as soon as) this process leads and stops when it no longer does. */
  add(s: Singleton): void;
  start(): Promise<void>;
  /** stop ends the singletons, then gives the lease up. */
  stop(): Promise<void>;
}

/** LeaseOptions tune the lease (tests shorten them). */
export interface LeaseOptions {
  /** How often a follower tries to take the lease, and a leader checks its connection. */
  checkMs: number;
  /** A check that does not answer within this long costs the lease. */
  timeoutMs: number;
}

const DEFAULTS: LeaseOptions = { checkMs: 2_000, timeoutMs: 4_000 };

/** createRunner starts and stops the singletons as `leading` changes, one transition at a time. */
function createRunner(log: Logger) {
  const singletons: Singleton[] = [];
  let leading = false;
  let chain: Promise<void> = Promise.resolve();
  const run = (fn: () => Promise<void>) => (chain = chain.then(fn).catch((err: unknown) => log.error({ err }, "leader transition failed")));
  const startOne = async (s: Singleton) => {
    try {
      await s.start();
    } catch (err) {
      log.error({ err, singleton: s.name }, "singleton failed to start");
    }
  };
  return {
    isLeader: () => leading,
    add(s: Singleton) {
      singletons.push(s);
      if (leading) void run(() => startOne(s));
    },
    set(next: boolean) {
      if (next === leading) return chain;
      leading = next;
      return run(async () => {
        if (next) for (const s of singletons) await startOne(s);
        else
          for (const s of [...singletons].reverse())
            await s.stop().catch((err: unknown) => log.warn({ err, singleton: s.name }, "singleton stop failed"));
      });
    },
  };
}

/** alwaysLeader is the leadership of a master with no replicas: it leads from start to stop. */
export function alwaysLeader(log: Logger): Leadership {
  const r = createRunner(log);
  return {
    isLeader: r.isLeader,
    add: r.add,
    start: () => r.set(true),
    stop: () => r.set(false),
  };
}

/**
 * leaseKey is the advisory lock key of one Flotilla database: replicas of
 * the same database and schema contend for it, other databases or schemas
 * on the same server (parallel installations, test schemas) do not.
 */
export function leaseKey(databaseUrl: string): string {
  const u = new URL(databaseUrl);
  const schema = u.searchParams.get("schema") ?? "public";
  const db = decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres";
  return createHash("sha256").update(`flotilla.leader\0${db}\0${schema}`).digest().readBigInt64BE(0).toString();
}

/**
 * createPostgresLeadership holds the leader lease as a PostgreSQL session
 * advisory lock on a connection of its own. A follower tries to take it
 * every `checkMs`; the leader checks its connection as often and steps down
 * (stopping its singletons) when the check fails or the connection breaks.
 * A replica that dies drops its connection, so PostgreSQL frees the lock at
 * once and the next follower to try takes over within `checkMs`.
 */
export function createPostgresLeadership(databaseUrl: string, log: Logger, options: Partial<LeaseOptions> = {}): Leadership {
  const o = { ...DEFAULTS, ...options };
  const lg = log.child({ component: "leader" });
  const r = createRunner(lg);
  const key = leaseKey(databaseUrl);
  const u = new URL(databaseUrl);
  u.searchParams.delete("schema");
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let busy = false;

  const drop = async (why: string) => {
    const c = client;
    client = undefined;
    if (r.isLeader()) lg.warn({ reason: why }, "leader lease lost; singletons stopped");
    await r.set(false);
    if (c) await c.end().catch(() => undefined);
  };
  const withTimeout = <T>(p: Promise<T>): Promise<T> => {
    let t: NodeJS.Timeout | undefined;
    return Promise.race([
      p,
      new Promise<never>((_, fail) => {
        t = setTimeout(() => fail(new Error(`no answer within ${o.timeoutMs} ms`)), o.timeoutMs);
      }),
    ]).finally(() => clearTimeout(t));
  };
  const check = async () => {
    if (!client) {
      const c = new pg.Client({
        connectionString: u.toString(),
        connectionTimeoutMillis: o.timeoutMs,
        keepAlive: true,
        application_name: "flotilla leader lease",
      });
      c.on("error", (err) => {
        if (client === c) void drop(err.message);
      });
      await c.connect();
      if (stopped) return void (await c.end().catch(() => undefined));
      client = c;
    }
    const c = client;
    if (r.isLeader()) {
      await withTimeout(c.query("SELECT 1"));
      return;
    }
    const res = await withTimeout(c.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS ok", [key]));
    if (res.rows[0]?.ok && !stopped && client === c) {
      lg.info("leader lease taken; this replica runs schedules, pruning and sweeps");
      await r.set(true);
    }
  };
  const loop = async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      await check();
    } catch (err) {
      await drop(err instanceof Error ? err.message : String(err));
    } finally {
      busy = false;
    }
  };

  return {
    isLeader: r.isLeader,
    add: r.add,
    async start() {
      await loop();
      timer = setInterval(() => void loop(), o.checkMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      while (busy) await new Promise((ok) => setTimeout(ok, 20));
      // Singletons stop first, so nothing runs twice while the next leader takes over.
      await r.set(false);
      const c = client;
      client = undefined;
      if (c) await c.end().catch(() => undefined);
    },
  };
}
