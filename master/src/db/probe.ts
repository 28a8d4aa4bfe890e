/** READY_PING_MS is how long GET /ready waits for the database to answer a ping. */
export const READY_PING_MS = 1_500;

/**
 * createDbProbe returns a check that resolves true when the database answers
 * a trivial query within READY_PING_MS. Concurrent checks share one ping, so
 * a load balancer polling /ready during an outage never piles up queries.
 */
export function createDbProbe(ping: (timeoutMs: number) => Promise<void>): () => Promise<boolean> {
  let inFlight: Promise<boolean> | undefined;
  return () => {
    inFlight ??= ping(READY_PING_MS)
      .then(
        () => true,
        () => false,
      )
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
}
