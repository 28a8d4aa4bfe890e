/** MAX_GROWN_INTERVAL_MS caps how far fleet size stretches the heartbeat interval. */
export const MAX_GROWN_INTERVAL_MS = 15_000;

/**
 * heartbeatInterval is the interval told to workers: the configured base, or
 * fleetSize/50 seconds when larger (so a big fleet sends at most ~50 beats per
 * second), capped at 15 s unless the base itself is longer.
 */
export function heartbeatInterval(baseMs: number, fleetSize: number): number {
  const grown = Math.min(MAX_GROWN_INTERVAL_MS, Math.ceil((fleetSize / 50) * 1000));
  return Math.max(baseMs, grown);
}

/** heartbeatTtl is how long after a beat a node stays online: 1.5 intervals plus grace. */
export function heartbeatTtl(intervalMs: number, graceMs: number): number {
  return Math.round(intervalMs * 1.5) + graceMs;
}
