import { strict as assert } from "node:assert";
import { createLiveness, type Liveness } from "../../master/src/liveness/index.js";
import { startMaster, type TestMaster } from "../grpc/helpers.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** blockFor keeps the event loop busy, as a long synchronous task in the master would. */
function blockFor(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // busy
  }
}

describe("liveness lag guard: the master's own stall is never blamed on workers", function () {
  this.timeout(30_000);
  let m: TestMaster;
  let live: Liveness;
  let beating: NodeJS.Timeout | undefined;

  beforeEach(async () => {
    // TTL = 1.5 × 400 ms + 400 ms = 1 s.
    m = await startMaster({ heartbeatIntervalMs: 400, heartbeatGraceMs: 400 });
    live = createLiveness(m.ctx, { sweepMs: 50, statusFlushMs: 50 });
    await live.start();
  });
  afterEach(async () => {
    clearInterval(beating);
    await live.stop();
    await m.stop();
  });

  it("marks no live node offline after the event loop was blocked for three TTLs, and still times out a dead one", async () => {
    assert.equal(live.ttlMs(), 1000);
    const nodes = ["n_a", "n_b", "n_c"];
    for (const n of nodes) live.beat(n);
    // Live workers beat every 400 ms; their beats wait in the sockets while the loop is blocked.
    beating = setInterval(() => nodes.forEach((n) => live.beat(n)), 400);
    await sleep(500);
    blockFor(3_000);
    await sleep(1_500);
    const offline = m.events.filter((e) => e.type === "node.offline");
    assert.deepEqual(
      offline.map((e) => e.node_id),
      [],
      "no node went offline because the master stalled",
    );
    assert.deepEqual(
      nodes.filter((n) => !live.isOnline(n)),
      [],
    );

    // A node that really stops beating still goes offline after its TTL.
    clearInterval(beating);
    beating = setInterval(() => ["n_a", "n_b"].forEach((n) => live.beat(n)), 400);
    const t = Date.now();
    while (live.isOnline("n_c") && Date.now() - t < 5_000) await sleep(20);
    assert.equal(live.isOnline("n_c"), false);
    assert.ok(Date.now() - t < 2_500, `dead node offline after ${Date.now() - t} ms`);
    assert.ok(live.isOnline("n_a") && live.isOnline("n_b"));
  });
});
