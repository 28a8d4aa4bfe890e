import { strict as assert } from "node:assert";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { create } from "@bufbuild/protobuf";
import { MetricBatchSchema } from "@flotilla/shared/gen/flotilla/v1/telemetry_pb.js";
import { openSpool, type Payload } from "../../worker/src/spool.js";

function metrics(points: number, tag = "x"): Payload {
  return {
    case: "metrics",
    value: create(MetricBatchSchema, {
      snapshots: [{ tsMs: 1n, points: Array.from({ length: points }, (_, i) => ({ name: `m.${tag}`, value: i })) }],
    }),
  };
}

describe("worker spool", () => {
  let dir: string;
  let clock: number;
  const now = () => clock;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "flotilla-spool-"));
    clock = 1_000_000;
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("assigns strictly increasing seqs, persists them first, and keeps order", async () => {
    const persisted: bigint[] = [];
    const s = await openSpool({ dir, now, lastSeq: 10n, persistSeq: async (q) => void persisted.push(q) });
    const seqs = await Promise.all([s.enqueue(metrics(1, "a")), s.enqueue(metrics(1, "b")), s.enqueue(metrics(1, "c"))]);
    assert.deepEqual(seqs, [11n, 12n, 13n]);
    assert.deepEqual(persisted, [11n, 12n, 13n]);
    assert.deepEqual(
      s.entries().map((e) => e.seq),
      [11n, 12n, 13n],
    );
    const first = (await s.read(11n))!;
    assert.equal(first.seq, 11n);
    assert.equal(first.payload.case === "metrics" && first.payload.value.snapshots[0]!.points[0]!.name, "m.a");
  });

  it("removes batches on ack and survives a restart with the rest", async () => {
    const s = await openSpool({ dir, now });
    for (let i = 0; i < 5; i++) await s.enqueue(metrics(2));
    await s.ack(2n);
    assert.deepEqual(
      s.entries().map((e) => e.seq),
      [3n, 4n, 5n],
    );
    assert.equal((await readdir(dir)).length, 3);
    const reopened = await openSpool({ dir, now, lastSeq: 0n });
    assert.deepEqual(
      reopened.entries().map((e) => e.seq),
      [3n, 4n, 5n],
    );
    assert.equal(reopened.lastSeq, 5n, "seq continues after the highest spooled batch");
    assert.equal(await reopened.enqueue(metrics(1)), 6n);
    assert.equal((await reopened.read(3n))!.seq, 3n);
  });

  it("keeps seq increasing from node.json even when the spool is empty", async () => {
    const s = await openSpool({ dir, now, lastSeq: 99n });
    assert.equal(await s.enqueue(metrics(1)), 100n);
    await s.ack(100n);
    assert.equal(await (await openSpool({ dir, now, lastSeq: 100n })).enqueue(metrics(1)), 101n);
  });

  it("drops the oldest batches over the size limit and counts their samples", async () => {
    const probe = await openSpool({ dir: join(dir, "probe"), now });
    await probe.enqueue(metrics(10));
    const one = probe.bytes;
    const s = await openSpool({ dir: join(dir, "s"), now, maxBytes: one * 3 + one / 2 });
    for (let i = 0; i < 5; i++) await s.enqueue(metrics(10));
    assert.deepEqual(
      s.entries().map((e) => e.seq),
      [3n, 4n, 5n],
    );
    assert.equal(s.dropped, 20);
    assert.ok(s.bytes <= one * 3.5);
    assert.equal((await readdir(join(dir, "s"))).length, 3);
  });

  it("drops batches older than the age limit, on prune and on reopen", async () => {
    const s = await openSpool({ dir, now, maxAgeMs: 60_000 });
    await s.enqueue(metrics(4));
    clock += 30_000;
    await s.enqueue(metrics(3));
    clock += 40_000;
    assert.deepEqual(
      s.entries().map((e) => e.seq),
      [2n],
      "expired batches are never handed out",
    );
    await s.prune();
    assert.equal(s.dropped, 4);
    assert.equal((await readdir(dir)).length, 1);
    clock += 60_000;
    const reopened = await openSpool({ dir, now, maxAgeMs: 60_000 });
    assert.deepEqual(reopened.entries(), []);
    assert.equal(reopened.dropped, 3);
    assert.equal(reopened.lastSeq, 2n, "dropped batches never give their seq back");
  });

  it("wakes a waiting sender when data arrives", async () => {
    const s = await openSpool({ dir, now });
    const ac = new AbortController();
    let woke = false;
    const waiting = s.waitForData(ac.signal).then(() => (woke = true));
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(woke, false);
    await s.enqueue(metrics(1));
    await waiting;
    assert.equal(woke, true);
  });
});
