import { strict as assert } from "node:assert";
import { createBackoff } from "../../worker/src/backoff.js";

describe("worker backoff", () => {
  it("grows the ceiling exponentially from 500 ms up to the 30 s cap", () => {
    const b = createBackoff({ random: () => 0.999999 });
    const delays = Array.from({ length: 10 }, () => b.next());
    assert.deepEqual(delays.slice(0, 7), [499, 999, 1999, 3999, 7999, 15999, 29999]);
    for (const d of delays.slice(6)) assert.equal(d, 29999);
  });

  it("draws each delay uniformly within [0, ceiling] (full jitter)", () => {
    const b = createBackoff();
    const samples: number[] = [];
    for (let i = 0; i < 400; i++) {
      for (let j = 0; j < 8; j++) b.next();
      samples.push(b.next());
      b.reset();
    }
    for (const d of samples) assert.ok(d >= 0 && d <= 30_000, `delay ${d} out of bounds`);
    const distinct = new Set(samples).size;
    assert.ok(distinct > 300, `expected jittered delays, got ${distinct} distinct`);
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    assert.ok(mean > 10_000 && mean < 20_000, `mean ${mean} should be near half the cap`);
  });

  it("resets after a healthy period only", () => {
    const b = createBackoff({ random: () => 0.5, resetAfterMs: 60_000 });
    b.next();
    b.next();
    b.next();
    b.healthyFor(5_000);
    assert.equal(b.attempts, 3);
    assert.equal(b.next(), 2000);
    b.healthyFor(61_000);
    assert.equal(b.attempts, 0);
    assert.equal(b.next(), 250);
  });
});
