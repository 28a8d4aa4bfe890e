import assert from "node:assert/strict";
import { startReceiver, type Receiver } from "../helpers/receiver.js";
import { startMaster, waitFor, type MasterProc } from "../helpers/processes.js";

describe("webhook queue survives a master SIGKILL (SQLite, or PostgreSQL with FLOTILLA_TEST_DB=postgres)", function () {
  this.timeout(90_000);
  let master: MasterProc;
  let rx: Receiver;
  let up = false;
  after(async () => {
    await rx?.close();
    await master?.cleanup();
  });

  it("delivers every pending delivery after a restart; a receiver deduplicating on webhook-id sees each event once", async () => {
    rx = await startReceiver((_r, res) => {
      res.statusCode = up ? 200 : 503;
      res.end();
    });
    master = await startMaster({
      args: ["--webhook-allowed-hosts", "127.0.0.1", "--webhook-retry-schedule", "1s,1s,1s,1s,1s,1s,1s,1s,1s,1s", "--webhook-timeout", "1s"],
    });
    const hook = await master.api.post<{ id: string }>("/webhooks", { name: "durable", url: rx.url, event_types: ["*"] });
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await master.api.post<{ delivery_id: string }>(`/webhooks/${hook.id}/test`, {})).delivery_id);
    await rx.waitFor((g) => new Set(g.map((r) => r.headers["webhook-id"])).size === 30, 10_000, "a first (failed) attempt of all 30");
    master.child.kill("SIGKILL");
    await master.exited;

    up = true;
    const before = rx.got.length;
    master = await master.restart();
    await rx.waitFor((g) => new Set(g.slice(before).map((r) => r.headers["webhook-id"])).size === 30, 30_000, "all 30 delivered after the restart");
    const accepted = new Set<string>();
    for (const r of rx.got.slice(before)) accepted.add(String(r.headers["webhook-id"]));
    assert.equal(accepted.size, 30, "each event accepted once after deduplication");
    const items = await waitFor(
      async () => {
        const list = (await master.api.get<{ items: { id: string; status: string }[] }>(`/webhooks/${hook.id}/deliveries?limit=100`)).items;
        return list.every((d) => d.status === "succeeded") ? list : null;
      },
      10_000,
      "all deliveries marked succeeded",
    );
    assert.deepEqual(items.map((d) => d.id).sort(), [...ids].sort(), "no delivery lost");
  });
});
