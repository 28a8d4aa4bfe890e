import assert from "node:assert/strict";
import { startMaster, startWorker, waitFor, type MasterProc, type Proc } from "../helpers/processes.js";

describe("replicas: a maximum connection age makes workers reconnect (rebalancing)", function () {
  this.timeout(120_000);
  let m: MasterProc;
  let w: Proc;
  before(async () => {
    m = await startMaster({ args: ["--max-connection-age", "4s"] });
  });
  after(async () => {
    await w?.kill();
    await m?.cleanup();
  });

  it("the master closes an old connection; the worker reconnects as itself and its node stays known", async () => {
    const tok = await m.api.post<{ token: string }>("/enrollment-tokens", { name: "age" });
    w = startWorker(m, { token: tok.token });
    const connects = () => w.lines.filter((l) => l.includes('"connected to master"')).length;
    await waitFor(async () => connects() >= 3, 60_000, "three sessions (two closed by connection age)", 250).catch((err: Error) =>
      assert.fail(`${err.message}\n${w.lines.slice(-10).join("\n")}`),
    );
    assert.equal(w.lines.filter((l) => l.includes('"enrolled"')).length <= 1, true, "enrolled once");
    const nodes = await m.api.get<{ items: { id: string; status: string }[] }>("/nodes");
    assert.equal(nodes.items.length, 1, "one node, no re-enrollment");
    await waitFor(
      async () => (await m.api.get<{ items: { status: string }[] }>("/nodes")).items[0]?.status === "online",
      20_000,
      "online after reconnecting",
      250,
    );
    const offline = await m.api.get<{ items: unknown[] }>("/events?type=node.offline");
    process.stdout.write(`      ${connects()} sessions, ${offline.items.length} node.offline events\n`);
  });
});
