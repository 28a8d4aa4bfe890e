import assert from "node:assert/strict";
import { heartbeatInterval, heartbeatTtl } from "../../master/src/liveness/index.js";
import { createTimerWheel } from "../../master/src/liveness/wheel.js";
import { createRateLimiter } from "../../master/src/services/rate-limit.js";

describe("grpc: liveness and rate-limit units", function () {
  it("grows the heartbeat interval with fleet size, capped so a dead worker is offline within 30 s", () => {
    assert.equal(heartbeatInterval(5000, 10), 5000);
    assert.equal(heartbeatInterval(5000, 200), 10_000);
    assert.equal(heartbeatInterval(5000, 100_000), 13_000);
    assert.equal(heartbeatTtl(5000, 10_000), 17_500);
    assert.ok(heartbeatTtl(heartbeatInterval(5000, 100_000), 10_000) < 30_000, "default TTL at any fleet size stays under 30 s");
  });

  it("expires only keys whose deadline passed, and a reschedule postpones expiry", () => {
    const w = createTimerWheel(100);
    const now = Date.now();
    w.set("a", now + 150);
    w.set("b", now + 1000);
    w.set("a", now + 600);
    assert.deepEqual(w.expire(now + 300), []);
    assert.deepEqual(w.expire(now + 800), ["a"]);
    assert.deepEqual(w.expire(now + 1200), ["b"]);
    assert.equal(w.size, 0);
  });

  it("limits per key per window", () => {
    const rl = createRateLimiter({ limit: 2, windowMs: 60_000 });
    const t = 60_000 * 1000;
    assert.deepEqual([rl.take("x", t), rl.take("x", t + 1), rl.take("x", t + 2), rl.take("y", t + 3)], [true, true, false, true]);
    assert.equal(rl.take("x", t + 120_001), true);
  });
});
