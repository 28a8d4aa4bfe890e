import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { postgresDatabase } from "../helpers/database.js";
import { openFeed, type Feed } from "../helpers/feed.js";
import { startWorker, waitFor, type MasterProc, type Proc } from "../helpers/processes.js";
import { startReceiver, type Receiver } from "../helpers/receiver.js";
import { Webhook as Verifier } from "standardwebhooks";
import { requireNats, startReplica } from "./harness.js";

type Node = { id: string; status: string };

describe("replicas: events reach WebSocket clients of every replica, webhooks fire once (PostgreSQL + NATS)", function () {
  this.timeout(240_000);
  let db: Awaited<ReturnType<typeof postgresDatabase>>;
  let a: MasterProc;
  let b: MasterProc;
  let w: Proc | undefined;
  let rx: Receiver;
  const feeds: Feed[] = [];
  before(async function () {
    await requireNats(this);
    db = await postgresDatabase();
    const args = ["--webhook-allowed-hosts", "127.0.0.1"];
    a = await startReplica(db.url, args);
    b = await startReplica(db.url, args);
    rx = await startReceiver();
  });
  after(async () => {
    for (const f of feeds) f.close();
    await w?.kill("SIGKILL");
    for (const m of [a, b]) if (m) await m.kill("SIGKILL");
    for (const m of [a, b]) if (m) rmSync(m.dataDir, { recursive: true, force: true });
    await rx?.close();
    await db?.cleanup();
  });

  it("a client on B receives node.enrolled and node.online of a worker on A; ?since= on B replays A's events; the webhook fires once per event", async () => {
    const hook = await b.api.post<{ id: string; secret: string }>("/webhooks", {
      name: "once",
      url: rx.url,
      event_types: ["node.enrolled", "node.online"],
    });
    assert.ok(hook.id);
    const live = await openFeed(b.http, b.api.token);
    feeds.push(live);
    const tok = await a.api.post<{ token: string }>("/enrollment-tokens", { name: "events" });
    w = startWorker(a, { token: tok.token });
    const online = await live.waitFor((e) => e.type === "node.online", 30_000, "node.online on B's feed");
    const node = await waitFor(async () => (await a.api.get<{ items: Node[] }>("/nodes")).items[0], 10_000, "node on A");
    assert.equal(online.node_id, node.id);
    assert.ok(
      live.events.some((e) => e.type === "node.enrolled" && e.node_id === node.id),
      "node.enrolled too",
    );

    const enrolled = live.events.find((e) => e.type === "node.enrolled")!;
    const replay = await openFeed(b.http, b.api.token, `?since=${encodeURIComponent(enrolled.id)}`);
    feeds.push(replay);
    const again = await replay.waitFor((e) => e.type === "node.online" && e.node_id === node.id, 15_000, "node.online replayed on B");
    assert.equal(again.id, online.id, "replay and live carry the same event id");

    const sent = await waitFor(async () => (rx.got.length >= 2 ? rx.got : null), 60_000, "two webhook deliveries").catch((err: Error) =>
      assert.fail(
        `${err.message}; got ${JSON.stringify(rx.got.map((r) => r.path))}\nA: ${a.lines
          .filter((l) => /webhook|cluster|NATS/i.test(l))
          .slice(-8)
          .join("\n")}\nB: ${b.lines
          .filter((l) => /webhook|cluster|NATS/i.test(l))
          .slice(-8)
          .join("\n")}`,
      ),
    );
    await new Promise((r) => setTimeout(r, 3_000));
    const ids = rx.got.map((r) => String(r.headers["webhook-id"]));
    const types = rx.got.map((r) => (JSON.parse(r.body) as { type: string }).type);
    assert.equal(new Set(ids).size, ids.length, `no delivery twice: ${ids.join(", ")}`);
    assert.deepEqual(types.sort(), ["node.enrolled", "node.online"], `one delivery per event across two replicas: ${types.join(", ")}`);
    assert.ok(sent.length >= 2);
    // A signs with the secret B created: the key sealing webhook secrets is the cluster's.
    const v = new Verifier(hook.secret);
    for (const r of rx.got)
      v.verify(r.body, {
        "webhook-id": String(r.headers["webhook-id"]),
        "webhook-timestamp": String(r.headers["webhook-timestamp"]),
        "webhook-signature": String(r.headers["webhook-signature"]),
      });
  });
});
