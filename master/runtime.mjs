// The master's production runtime profile: the Node flags and environment it
// is started with by `npm start`, the systemd unit (deploy/systemd, kept equal
// by a test), the end-to-end tests and the benchmark.
//
// - --max-semi-space-size=16: a young generation that can grow to 16 MB per
//   semi-space. Every telemetry batch decodes into a few hundred short-lived
//   objects; with the former 2 MB the scavenger ran so often that batches
//   still being handled were promoted and then collected by full GCs (GC was
//   29 % of the master's busy time in a profile under the fleet simulator,
//   the largest single cost). V8 only grows the young
//   generation while the allocation rate needs it, so an idle master stays
//   small. Measured with scripts/bench-ingest.mjs --fast (1,000 workers'
//   pushes, decode excluded): 2.6-2.9x less CPU than with
//   --max-semi-space-size=2 --optimize-for-size (README, Benchmarks).
// - --v8-pool-size=1: one V8 background thread instead of one per core; each
//   extra thread keeps its own allocation arenas for little gain here.
// - --optimize-for-size is no longer used: it made V8 favour memory over speed
//   everywhere (smaller heap growth steps, more frequent GCs), which is the
//   wrong trade for a master whose work is allocation-heavy ingest.
// - MALLOC_ARENA_MAX=2: glibc keeps two malloc arenas instead of eight per core
//   for the TLS, HTTP/2 and SQLite threads, which bounds fragmentation.

/** MASTER_NODE_FLAGS are passed to node before the master's entry point. */
export const MASTER_NODE_FLAGS = ["--max-semi-space-size=16", "--v8-pool-size=1"];

/** MASTER_ENV is added to the master's environment (read by glibc at process start). */
export const MASTER_ENV = { MALLOC_ARENA_MAX: "2" };
