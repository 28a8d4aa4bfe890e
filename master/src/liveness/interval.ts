/** MAX_GROWN_INTERVAL_MS caps how far fleet size stretches the heartbeat interval. */
export const MAX_GROWN_INTERVAL_MS = 13_000;

/** BEATS_PER_SECOND is the fleet-wide heartbeat rate the grown interval aims at. */
export const BEATS_PER_SECOND = 20;

/**
 * heartbeatInterval is the interval told to workers: the configured base, or
 * fleetSize/20 seconds when larger (so a big fleet sends about 20 beats per
 * second), capped at 13 s unless the base itself is longer: with the default
 * 10 s grace the TTL stays under 30 s.
 */
export function heartbeatInterval(baseMs: number, fleetSize: number): number {
  const grown = Math.min(MAX_GROWN_INTERVAL_MS, Math.ceil((fleetSize / BEATS_PER_SECOND) * 1000));
  return Math.max(baseMs, grown);
}

/** heartbeatTtl is how long after a beat a node stays online: 1.5 intervals plus grace. */
export function heartbeatTtl(intervalMs: number, graceMs: number): number {
  return Math.round(intervalMs * 1.5) + graceMs;
}
