// The master's production runtime profile: the Node flags and environment it
// is started with by `npm start`, the systemd unit (deploy/systemd, kept equal
// by a test), the end-to-end tests and the benchmark.
//
// - --max-semi-space-size=2: a small young generation (MB per semi-space).
// - --v8-pool-size=1: one V8 background thread instead of one per core; each
//   extra thread keeps its own allocation arenas for little gain here.
// - --optimize-for-size: V8 grows the heap less eagerly and gives memory back
//   sooner, so an enrollment burst does not leave the master tens of MB larger.
// - MALLOC_ARENA_MAX=2: glibc keeps two malloc arenas instead of eight per core
//   for the TLS, HTTP/2 and SQLite threads, which bounds fragmentation.
//
// With them, 200 connected workers hold the master at about 135 MB RSS instead
// of 170-230 MB (scripts/bench-master.mjs prints both the figure and the flags).

/** MASTER_NODE_FLAGS are passed to node before the master's entry point. */
export const MASTER_NODE_FLAGS = ["--max-semi-space-size=2", "--v8-pool-size=1", "--optimize-for-size"];

/** MASTER_ENV is added to the master's environment (read by glibc at process start). */
export const MASTER_ENV = { MALLOC_ARENA_MAX: "2" };
