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
