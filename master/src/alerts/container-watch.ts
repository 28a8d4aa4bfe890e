import type { RuleParams } from "./rules.js";

/** ContainerSeen is what the evaluator remembers of one container from `container.state` events. */
export interface ContainerSeen {
  nodeId: string;
  name: string;
  state: string;
  unhealthy: boolean;
  /** Times (ms) of the restarts seen, oldest first, at most a day back. */
  restarts: number[];
  restartCount: number | null;
  /** Restarts counted from state transitions that a later restart count has not yet covered. */
  uncounted: number;
}

const KEEP_MS = 86_400_000;
const KEEP_MAX = 1_000;
const STOPPED = new Set(["exited", "dead", "paused"]);

/**
 * createContainerWatch follows `container.state` events and counts restarts
 * per container: a move to `restarting`, a move back to `running` from a
 * stopped state, or a grown Docker restart count, whichever shows more
 * (a restart seen both ways counts once).
 */
export function createContainerWatch() {
  const seen = new Map<string, ContainerSeen>();
  const keyOf = (nodeId: string, name: string) => `${nodeId}/${name}`;
  return {
    /** observe applies one event; returns the container, or undefined once it was removed. */
    observe(nodeId: string, data: Record<string, unknown>, now: number): ContainerSeen | undefined {
      const name = String(data.name ?? data.container_id ?? "");
      const key = keyOf(nodeId, name);
      const state = String(data.state ?? "");
      if (state === "removed") return void seen.delete(key);
      const c = seen.get(key) ?? { nodeId, name, state: "", unhealthy: false, restarts: [], restartCount: null, uncounted: 0 };
      const prev = c.state || (typeof data.previous_state === "string" ? data.previous_state : "");
      let n = 0;
      if (state === "restarting" && prev !== "restarting") n = 1;
      else if (state === "running" && STOPPED.has(prev)) n = 1;
      c.uncounted += n;
      const rc = typeof data.restart_count === "number" ? data.restart_count : null;
      if (rc !== null) {
        if (c.restartCount !== null && rc > c.restartCount) {
          const delta = rc - c.restartCount;
          n += Math.max(0, delta - c.uncounted);
          c.uncounted = Math.max(0, c.uncounted - delta);
        }
        c.restartCount = rc;
      }
      for (let i = 0; i < n; i++) c.restarts.push(now);
      while (c.restarts.length && (c.restarts.length > KEEP_MAX || now - c.restarts[0]! > KEEP_MS)) c.restarts.shift();
      c.state = state;
      c.unhealthy = /\(unhealthy\)/i.test(String(data.status ?? ""));
      seen.set(key, c);
      return c;
    },
    /** all lists every container seen. */
    all: (): ContainerSeen[] => [...seen.values()],
    /** restarting lists the containers with restarts on record (their window may lapse on a tick). */
    restarting: (): ContainerSeen[] => [...seen.values()].filter((c) => c.restarts.length > 0),
    /** forgetNode drops a deleted node's containers. */
    forgetNode(nodeId: string): void {
      for (const [k, c] of seen) if (c.nodeId === nodeId) seen.delete(k);
    },
  };
}

/** ContainerWatch counts container restarts for container_down rules. */
export type ContainerWatch = ReturnType<typeof createContainerWatch>;

/**
 * containerProblem says why a container_down rule holds for a container
 * ("is exited", "is unhealthy", "restarted 4 times in 600 s"), or null.
 */
export function containerProblem(c: ContainerSeen, p: RuleParams, now: number): string | null {
  if (c.state !== "running") return `is ${c.state || "not running"}`;
  if (c.unhealthy) return "is unhealthy";
  const windowMs = (p.window_seconds ?? 600) * 1000;
  let n = 0;
  for (const t of c.restarts) if (now - t < windowMs) n++;
  return n >= (p.restarts ?? 3) ? `restarted ${n} times in ${p.window_seconds ?? 600} s` : null;
}
