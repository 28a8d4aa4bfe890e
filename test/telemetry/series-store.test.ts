import assert from "node:assert/strict";
import { create } from "@bufbuild/protobuf";
import { MetricBatchSchema, type MetricBatch } from "@flotilla/shared/gen/flotilla/v1/telemetry_pb.js";
import { compileNameFilter, createNodeSeries, createSeriesStore, downsample } from "../../master/src/telemetry/index.js";

const all = compileNameFilter([]);
const pt = (name: string, value: number, labels: Record<string, string> = {}) => ({
  name,
  value,
  labels: Object.entries(labels).map(([n, v]) => ({ name: n, value: v })),
});

function batch(snaps: Array<{ ts: number; points: ReturnType<typeof pt>[] }>, spoolDropped = 0): MetricBatch {
  return create(MetricBatchSchema, {
    snapshots: snaps.map((s) => ({ tsMs: BigInt(s.ts), points: s.points })),
    spoolDropped: BigInt(spoolDropped),
  });
}

describe("telemetry series store", () => {
  const T0 = 1_700_000_000_000;

  it("drops a replayed batch instead of storing doubles", () => {
    const s = createNodeSeries({ retentionMs: 3_600_000, maxSeries: 100, maxPoints: 1000 });
    for (let i = 0; i < 5; i++) s.write(T0 + i * 15_000, [pt("cpu.usage_ratio", i / 10)]);
    const again = s.write(T0 + 2 * 15_000, [pt("cpu.usage_ratio", 0.99)]);
    assert.equal(again.duplicates, 1);
    assert.equal(again.stored, 0);
    const [series] = s.query(all, 0);
    assert.deepEqual(
      series!.points.map((p) => p[1]),
      [0, 0.1, 0.2, 0.3, 0.4],
      "first value wins, no double",
    );
  });

  it("places late snapshots (spool replay) in timestamp order", () => {
    const s = createNodeSeries({ retentionMs: 3_600_000, maxSeries: 100, maxPoints: 1000 });
    const order = [0, 1, 5, 6, 7, 2, 3, 4, 9, 8];
    for (const i of order) s.write(T0 + i * 1000, [pt("load.1", i), pt("fs.used_bytes", i * 10, { mount: "/" })]);
    const out = s.query(all, 0);
    assert.equal(out.length, 2);
    for (const series of out) {
      assert.deepEqual(
        series.points.map((p) => p[0]),
        [...Array(10).keys()].map((i) => T0 + i * 1000),
      );
    }
    const load = out.find((x) => x.name === "load.1")!;
    assert.deepEqual(
      load.points.map((p) => p[1]),
      [...Array(10).keys()],
    );
    assert.deepEqual(out.find((x) => x.name === "fs.used_bytes")!.labels, { mount: "/" });
  });

  it("keeps only the retention window and grows its buffers only as needed", () => {
    const s = createNodeSeries({ retentionMs: 60_000, maxSeries: 100, maxPoints: 61 });
    for (let i = 0; i < 500; i++) s.write(T0 + i * 1000, [pt("cpu.usage_ratio", i)]);
    const st = s.stats();
    assert.equal(st.newest, T0 + 499_000);
    assert.equal(st.oldest, T0 + 439_000, "only the last minute is kept");
    assert.ok(st.capacity <= 64, `capacity ${st.capacity}`);
    const late = s.write(T0 + 100_000, [pt("cpu.usage_ratio", -1)]);
    assert.equal(late.stale, 1, "a sample older than the window is refused");
    const pts = s.query(all, 0)[0]!.points;
    assert.equal(pts.length, 61);
    assert.equal(pts[0]![1], 439);
  });

  it("matches a plain sorted model under shuffled writes across buffer growth and compaction", () => {
    const s = createNodeSeries({ retentionMs: 40_000, maxSeries: 10, maxPoints: 41 });
    const model = new Map<number, number>();
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let newest = 0;
    for (let round = 0; round < 400; round++) {
      const t = T0 + Math.floor(rnd() * (round + 10)) * 1000;
      const r = s.write(t, [pt("load.1", round)]);
      if (r.stored === 1) model.set(t, round);
      newest = Math.max(newest, t);
      for (const k of model.keys()) if (k < newest - 40_000) model.delete(k);
    }
    const expected = [...model.entries()].sort((a, b) => a[0] - b[0]);
    assert.deepEqual(s.query(all, 0)[0]!.points, expected);
    const times = expected.map((e) => e[0]);
    assert.equal(new Set(times).size, times.length);
  });

  it("forgets series that left the window", () => {
    const s = createNodeSeries({ retentionMs: 10_000, maxSeries: 100, maxPoints: 16 });
    s.write(T0, [pt("container.cpu_ratio", 1, { id: "gone" }), pt("load.1", 1)]);
    for (let i = 1; i < 60; i++) s.write(T0 + i * 1000, [pt("load.1", 1)]);
    assert.equal(s.stats().series, 1);
    assert.deepEqual(
      s.query(all, 0).map((x) => x.name),
      ["load.1"],
    );
  });

  it("caps series per node and counts what it refused", () => {
    const store = createSeriesStore({ maxSeriesPerNode: 10, now: () => T0 });
    const points = [...Array(25).keys()].map((i) => pt("net.rx_bytes", i, { iface: `eth${i}` }));
    const r = store.ingest("n1", batch([{ ts: T0, points }]));
    assert.equal(r.stored, 10);
    assert.equal(r.refusedSeries, 15);
    assert.equal(store.refusedSeries("n1"), 15);
    assert.equal(store.stats("n1")!.series, 10);
    const r2 = store.ingest("n1", batch([{ ts: T0 + 1000, points }]));
    assert.equal(r2.stored, 10, "existing series still accept samples");
  });

  describe("averaged tier beyond the full-resolution window", () => {
    // 10 minutes kept as sent, 1-minute buckets up to the hour, one snapshot every 15 s.
    const tiered = () => createNodeSeries({ retentionMs: 3_600_000, rawMs: 600_000, stepMs: 60_000, maxSeries: 100, maxPoints: 601 });
    const B0 = 28_333_333 * 60_000; // a bucket boundary

    it("keeps recent samples as sent and averages older ones per bucket, without growing past its bounds", () => {
      const s = tiered();
      const n = 2 * 240; // two hours of rounds: the ring wraps around
      for (let i = 0; i < n; i++) s.write(B0 + i * 15_000, [pt("load.1", i), pt("fs.used_bytes", 2 * i, { mount: "/" })]);
      const newest = B0 + (n - 1) * 15_000;
      const st = s.stats();
      assert.equal(st.newest, newest);
      assert.equal(st.points, 41, "10 minutes at 15 s, both ends included");
      assert.ok(st.capacity < 64, `capacity ${st.capacity}`);
      assert.ok(st.buckets <= 52, `buckets ${st.buckets}`);
      assert.ok(st.oldest! >= newest - 3_600_000 - 60_000, "nothing older than the retention is kept");
      const load = s.query(all, 0).find((x) => x.name === "load.1")!;
      const raw = load.points.filter(([t]) => t >= newest - 600_000);
      assert.deepEqual(
        raw.map(([t]) => t),
        [...Array(41).keys()].map((k) => newest - 600_000 + k * 15_000),
      );
      assert.deepEqual(
        raw.map(([, v]) => v),
        [...Array(41).keys()].map((k) => n - 41 + k),
        "recent samples are exact",
      );
      const older = load.points.filter(([t]) => t < newest - 600_000);
      assert.ok(older.length >= 49 && older.length <= 51, `older ${older.length}`);
      for (const [t, v] of older) {
        assert.equal(t % 60_000, 0, "stamped with the bucket start");
        if (t + 60_000 > newest - 600_000) continue; // partly averaged, partly still as sent
        const k = (t - B0) / 15_000; // the bucket holds rounds k..k+3
        assert.equal(v, k + 1.5, `bucket at ${t}`);
      }
      const times = load.points.map(([t]) => t);
      assert.deepEqual(
        times,
        [...times].sort((a, b) => a - b),
        "one ordered timeline across both tiers",
      );
      const fs = s.query(compileNameFilter(["fs.used_bytes"]), 0)[0]!;
      assert.equal(fs.points.length, load.points.length);
      assert.equal(fs.points[0]![1], 2 * load.points[0]![1]);
      assert.deepEqual(fs.labels, { mount: "/" });
    });

    it("answers range queries over both tiers and steps", () => {
      const s = tiered();
      for (let i = 0; i < 240; i++) s.write(B0 + i * 15_000, [pt("load.1", i % 4)]);
      const newest = B0 + 239 * 15_000;
      const since = newest - 20 * 60_000;
      const pts = s.query(all, since)[0]!.points;
      assert.ok(
        pts.every(([t]) => t >= since),
        "since applies to buckets too",
      );
      assert.equal(pts.filter(([t]) => t < newest - 600_000).length, 10, "ten averaged minutes before the full-resolution window");
      // Each minute holds values 0,1,2,3: a 5-minute step of averaged minutes averages to 1.5.
      const stepped = s.query(all, since, 300_000)[0]!.points;
      assert.ok(stepped.length >= 4);
      assert.deepEqual(
        stepped.filter(([t]) => t + 300_000 <= newest - 600_000).map(([t, v]) => [t % 300_000, v]),
        [
          [0, 1.5],
          [0, 1.5],
        ],
      );
      for (const [, v] of stepped) assert.ok(v >= 0 && v <= 3);
    });

    it("puts a late snapshot older than the full-resolution window into its bucket and refuses one past the retention", () => {
      const s = tiered();
      for (let i = 0; i < 240; i++) if (i < 40 || i >= 80) s.write(B0 + i * 15_000, [pt("load.1", 7)]);
      const gap = B0 + 60 * 15_000; // 15 minutes in the gap, 45 minutes before the newest
      assert.equal(s.query(all, gap)[0]!.points[0]![0] > gap, true, "nothing in the gap yet");
      const late = s.write(gap, [pt("load.1", 3)]);
      assert.equal(late.stored, 1);
      s.write(gap + 15_000, [pt("load.1", 5)]);
      const bucket = s.query(all, gap)[0]!.points[0]!;
      assert.deepEqual(bucket, [gap, 4], "the late samples' average, at their bucket");
      const tooOld = s.write(B0 + 239 * 15_000 - 3_700_000, [pt("load.1", 1)]);
      assert.equal(tooOld.stale, 1);
    });

    it("keeps only one copy of each series' name and labels in the latest snapshot", () => {
      const s = tiered();
      const a: Array<{ name: string; value: number; labels: readonly { name: string; value: string }[] }> = [];
      const b: typeof a = [];
      s.write(B0, [pt("net.rx_bytes", 1, { iface: "eth0" })], a);
      s.write(B0 + 15_000, [pt("net.rx_bytes", 2, { iface: "eth0" })], b);
      assert.equal(b[0]!.value, 2);
      assert.equal(a[0]!.labels, b[0]!.labels, "the series' own labels, not the decoded message's");
      assert.deepEqual(b[0]!.labels, [{ name: "iface", value: "eth0" }]);
    });
  });

  it("downsamples by averaging per step bucket", () => {
    assert.deepEqual(
      downsample(
        [
          [0, 1],
          [5_000, 3],
          [10_000, 10],
          [29_999, 20],
        ],
        10_000,
      ),
      [
        [0, 2],
        [10_000, 10],
        [20_000, 20],
      ],
    );
    const s = createNodeSeries({ retentionMs: 3_600_000, maxSeries: 10, maxPoints: 1000 });
    for (let i = 0; i < 8; i++) s.write(60_000 + i * 15_000, [pt("mem.used_bytes", i)]);
    assert.deepEqual(s.query(all, 0, 60_000)[0]!.points, [
      [60_000, 1.5],
      [120_000, 5.5],
    ]);
  });

  it("filters by exact names and prefixes and by since", () => {
    const s = createNodeSeries({ retentionMs: 3_600_000, maxSeries: 10, maxPoints: 1000 });
    s.write(T0, [pt("fs.used_bytes", 1, { mount: "/" }), pt("fs.total_bytes", 2, { mount: "/" }), pt("cpu.usage_ratio", 0.5), pt("fsx", 3)]);
    s.write(T0 + 1000, [pt("cpu.usage_ratio", 0.6)]);
    assert.deepEqual(
      s.query(compileNameFilter(["fs.*"]), 0).map((x) => x.name),
      ["fs.total_bytes", "fs.used_bytes"],
    );
    assert.deepEqual(
      s.query(compileNameFilter(["cpu.usage_ratio"]), T0 + 1).map((x) => x.points),
      [[[T0 + 1000, 0.6]]],
    );
  });

  it("keeps the newest snapshot as latest, refuses far-future timestamps and forgets nodes", () => {
    const store = createSeriesStore({ now: () => T0 });
    store.ingest(
      "n1",
      batch(
        [
          { ts: T0 - 15_000, points: [pt("load.1", 1)] },
          { ts: T0, points: [pt("load.1", 2)] },
        ],
        7,
      ),
    );
    const replay = store.ingest("n1", batch([{ ts: T0 - 30_000, points: [pt("load.1", 0)] }]));
    assert.equal(replay.newLatest, false);
    assert.equal(store.latest("n1")!.tsMs, T0);
    assert.equal(store.latest("n1")!.spoolDropped, 7);
    assert.equal(store.intervalMs("n1"), 15_000);
    const future = store.ingest("n1", batch([{ ts: T0 + 3_600_000, points: [pt("load.1", 9)] }]));
    assert.equal(future.stale, 1);
    assert.equal(store.latest("n1")!.tsMs, T0);
    store.forget("n1");
    assert.equal(store.latest("n1"), null);
    assert.equal(store.query("n1", all, 0), undefined);
  });
});
