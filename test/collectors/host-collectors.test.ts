import assert from "node:assert/strict";
import { readFileSync, readdirSync, statfsSync } from "node:fs";
import os from "node:os";
import { createCpuCollector } from "../../worker/src/collectors/cpu.js";
import { createFilesystemCollector } from "../../worker/src/collectors/filesystem.js";
import { createMemoryCollector } from "../../worker/src/collectors/memory.js";
import { createNetworkCollector } from "../../worker/src/collectors/network.js";
import { createSystemCollector } from "../../worker/src/collectors/system.js";
import { FIXTURES, find, fixtureCtx, hostCtx, one } from "./helpers.js";

const procB = `${FIXTURES}proc/b`;

describe("host collectors on fixtures", () => {
  it("cpu: count and load on the first round, usage ratios from the second", async () => {
    const c = createCpuCollector();
    const first = await c.collect(fixtureCtx());
    assert.equal(one(first, "cpu.count"), 4);
    assert.equal(one(first, "load.1"), 0.52);
    assert.equal(one(first, "load.15"), 2.5);
    assert.equal(find(first, "cpu.usage_ratio").length, 0);
    const second = await c.collect(fixtureCtx({ procRoot: procB }));
    assert.equal(one(second, "cpu.usage_ratio"), 0.4375);
    assert.equal(one(second, "cpu.core_usage_ratio", { core: "0" }), 1);
    assert.equal(one(second, "cpu.core_usage_ratio", { core: "2" }), 0.5);
    assert.equal(find(second, "cpu.core_usage_ratio").length, 4);
  });

  it("memory: used is total minus available; swap used is total minus free", async () => {
    const p = await createMemoryCollector().collect(fixtureCtx());
    assert.equal(one(p, "mem.total_bytes"), 16384000 * 1024);
    assert.equal(one(p, "mem.available_bytes"), 8192000 * 1024);
    assert.equal(one(p, "mem.used_bytes"), 8192000 * 1024);
    assert.equal(one(p, "mem.usage_ratio"), 0.5);
    assert.equal(one(p, "swap.total_bytes"), 2097152 * 1024);
    assert.equal(one(p, "swap.used_bytes"), 1048576 * 1024);
  });

  it("network: counters without lo, rates from the second round, none after a counter reset", async () => {
    const c = createNetworkCollector();
    const first = await c.collect(fixtureCtx());
    assert.equal(find(first, "net.rx_bytes", { iface: "lo" }).length, 0);
    assert.equal(one(first, "net.rx_bytes", { iface: "eth0" }), 440995835);
    assert.equal(one(first, "net.tx_errors", { iface: "eth0" }), 3);
    assert.equal(find(first, "net.rx_bytes_per_second").length, 0);
    await new Promise((r) => setTimeout(r, 50));
    const second = await c.collect(fixtureCtx({ procRoot: procB }));
    const rx = one(second, "net.rx_bytes_per_second", { iface: "eth0" });
    const tx = one(second, "net.tx_bytes_per_second", { iface: "eth0" });
    assert.ok(rx > 0 && rx < 1_000_000 / 0.05, `rx rate ${rx}`);
    assert.ok(Math.abs(tx / rx - 0.2) < 1e-9, "tx/rx rates follow the byte deltas");
    assert.equal(find(second, "net.rx_bytes_per_second", { iface: "docker0" }).length, 0);
  });

  it("system: uptime and process count from numeric entries", async () => {
    const p = await createSystemCollector().collect(fixtureCtx());
    assert.equal(one(p, "system.uptime_seconds"), 86400.25);
    assert.equal(one(p, "system.processes"), 3);
  });

  it("filesystem: pseudo filesystems and runtime mounts are excluded; unreachable mounts skipped", async () => {
    const p = await createFilesystemCollector().collect(fixtureCtx());
    const mounts = new Set(p.map((x) => x.labels?.mount));
    assert.deepEqual([...mounts], ["/"]);
    const labels = { mount: "/", device: "/dev/vda", fstype: "ext4" };
    const s = statfsSync("/");
    assert.equal(one(p, "fs.total_bytes", labels), s.blocks * s.bsize);
    assert.equal(one(p, "fs.inodes_total", labels), s.files);
  });
});

describe("host collectors on this machine", () => {
  const ctx = hostCtx();

  it("mem.total_bytes equals MemTotal × 1024", async () => {
    const memTotalKb = Number(/MemTotal:\s+(\d+)/.exec(readFileSync("/proc/meminfo", "utf8"))![1]);
    const p = await createMemoryCollector().collect(ctx);
    assert.equal(one(p, "mem.total_bytes"), memTotalKb * 1024);
    const ratio = one(p, "mem.usage_ratio");
    assert.ok(ratio > 0 && ratio < 1);
  });

  it("cpu.count equals os.cpus().length and usage is a ratio", async () => {
    const c = createCpuCollector();
    await c.collect(ctx);
    await new Promise((r) => setTimeout(r, 200));
    const p = await c.collect(ctx);
    assert.equal(one(p, "cpu.count"), os.cpus().length);
    const u = one(p, "cpu.usage_ratio");
    assert.ok(u >= 0 && u <= 1, `usage ${u}`);
    assert.equal(find(p, "cpu.core_usage_ratio").length, os.cpus().length);
  });

  it("the root filesystem total equals statfs blocks × bsize; no pseudo filesystem is reported", async () => {
    const p = await createFilesystemCollector().collect(ctx);
    const s = statfsSync("/");
    assert.equal(one(p, "fs.total_bytes", { mount: "/" }), s.blocks * s.bsize);
    const used = one(p, "fs.used_bytes", { mount: "/" });
    // Other processes write meanwhile: allow 1 % of the disk.
    assert.ok(Math.abs(used - (s.blocks - s.bfree) * s.bsize) <= s.blocks * s.bsize * 0.01);
    const types = new Set(p.map((x) => x.labels?.fstype));
    for (const t of ["proc", "sysfs", "tmpfs", "devtmpfs", "overlay", "cgroup", "cgroup2", "devpts"]) assert.ok(!types.has(t), t);
    assert.ok(!p.some((x) => x.labels?.mount?.startsWith("/proc") || x.labels?.mount?.startsWith("/sys")));
  });

  it("system.processes is close to the numeric entries of /proc", async () => {
    const p = await createSystemCollector().collect(ctx);
    const n = readdirSync("/proc").filter((e) => /^\d+$/.test(e)).length;
    assert.ok(Math.abs(one(p, "system.processes") - n) <= 20);
    assert.ok(one(p, "system.uptime_seconds") > 0);
  });
});
