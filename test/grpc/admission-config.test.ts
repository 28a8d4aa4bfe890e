import assert from "node:assert/strict";
import { ConfigError } from "@flotilla/shared";
import { loadMasterConfig } from "../../master/src/config.js";

describe("grpc: admission limits are master settings", () => {
  it("defaults to 200 sessions/s, a burst of 400, 512 pushes in flight and a 500 ms lag bound", () => {
    const c = loadMasterConfig([], {});
    assert.deepEqual([c.grpcSessionRate, c.grpcSessionBurst, c.grpcMaxPushes, c.grpcShedLagMs], [200, 400, 512, 500]);
  });

  it("takes flags over environment variables", () => {
    const c = loadMasterConfig(["--grpc-session-rate", "50", "--grpc-shed-lag", "2s"], {
      FLOTILLA_GRPC_SESSION_RATE: "10",
      FLOTILLA_GRPC_SESSION_BURST: "20",
      FLOTILLA_GRPC_MAX_PUSHES: "64",
    });
    assert.deepEqual([c.grpcSessionRate, c.grpcSessionBurst, c.grpcMaxPushes, c.grpcShedLagMs], [50, 20, 64, 2000]);
  });

  it("refuses a bad value with an error naming the setting", () => {
    assert.throws(
      () => loadMasterConfig(["--grpc-session-rate", "0"], {}),
      (e: unknown) => e instanceof ConfigError && /grpc-session-rate/.test(e.message),
    );
    assert.throws(
      () => loadMasterConfig([], { FLOTILLA_GRPC_MAX_PUSHES: "lots" }),
      (e: unknown) => e instanceof ConfigError && /GRPC_MAX_PUSHES|grpc-max-pushes/.test(e.message),
    );
  });
});
