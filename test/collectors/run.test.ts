import assert from "node:assert/strict";
import { FlotillaError } from "@flotilla/shared";
import { COLLECTORS, COLLECTOR_NAMES, createCollectors, runCollectors } from "../../worker/src/collectors/index.js";
import type { Collector } from "../../worker/src/collectors/index.js";
import { find, hostCtx, one } from "./helpers.js";

describe("collector registry and runner", () => {
  it("registers one collector per family with unique names", () => {
    assert.deepEqual([...COLLECTOR_NAMES], ["cpu", "memory", "filesystem", "network", "system", "containers"]);
    assert.equal(new Set(COLLECTORS.map((c) => c.name)).size, COLLECTORS.length);
  });

  it("createCollectors honours disabled names and returns fresh instances", () => {
    const set = createCollectors({ disabled: ["containers", " network "] });
    assert.deepEqual(
      set.map((c) => c.name),
      ["cpu", "memory", "filesystem", "system"],
    );
    assert.notEqual(createCollectors()[0], createCollectors()[0]);
  });

  it("createCollectors rejects an unknown name with invalid_argument naming the setting", () => {
    assert.throws(
      () => createCollectors({ disabled: ["cpuu"] }),
      (err: unknown) => err instanceof FlotillaError && err.code === "invalid_argument" && /disable-collectors/.test(err.message),
    );
  });

  it("runCollectors times each collector, isolates failures and emits self-metrics", async () => {
    const broken: Collector = {
      name: "broken",
      async collect() {
        throw new Error("no such file");
      },
    };
    const round = await runCollectors([...createCollectors({ disabled: ["containers"] }), broken], hostCtx());
    assert.equal(round.statuses.length, 6);
    const bad = round.statuses.find((s) => s.name === "broken")!;
    assert.equal(bad.success, false);
    assert.equal(bad.error, "no such file");
    for (const s of round.statuses.filter((x) => x.name !== "broken")) {
      assert.equal(s.success, true, s.name);
      assert.ok(s.durationSeconds >= 0 && s.durationSeconds < 5);
      assert.equal(one(round.points, "collector.success", { collector: s.name }), 1);
      assert.equal(one(round.points, "collector.duration_seconds", { collector: s.name }), s.durationSeconds);
    }
    assert.equal(one(round.points, "collector.success", { collector: "broken" }), 0);
    assert.ok(find(round.points, "mem.total_bytes").length === 1);
  });

  it("the containers collector yields nothing without a docker source", async () => {
    const round = await runCollectors(
      createCollectors().filter((c) => c.name === "containers"),
      hostCtx(),
    );
    assert.equal(round.statuses[0]!.success, true);
    assert.equal(find(round.points, "container.mem_usage_bytes").length, 0);
  });
});
