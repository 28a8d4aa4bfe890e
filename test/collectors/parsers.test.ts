import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  cpuUsageRatio,
  parseBlkioServiceBytes,
  parseCgroupCpuStat,
  parseCgroupIoStat,
  parseCgroupLimit,
  parseFlatKeyed,
  parseLoadavg,
  parseMeminfo,
  parseMounts,
  parseNetDev,
  parseProcCgroup,
  parseProcStat,
  parseUptime,
} from "../../worker/src/collectors/parse/index.js";
import { FIXTURES } from "./helpers.js";

const read = (p: string) => readFileSync(`${FIXTURES}${p}`, "utf8");

describe("collector parsers", () => {
  it("parseProcStat reads the aggregate and per-core lines", () => {
    const s = parseProcStat(read("proc/a/stat"));
    assert.equal(s.cores.size, 4);
    assert.deepEqual(s.total, { user: 10000, nice: 200, system: 3000, idle: 80000, iowait: 500, irq: 0, softirq: 300, steal: 0 });
    assert.equal(s.procsRunning, 3);
    assert.equal(s.bootTime, 1795406442);
  });

  it("cpuUsageRatio counts iowait as idle and is per-core exact", () => {
    const a = parseProcStat(read("proc/a/stat"));
    const b = parseProcStat(read("proc/b/stat"));
    assert.equal(cpuUsageRatio(a.total, b.total), 1750 / 4000);
    assert.equal(cpuUsageRatio(a.cores.get(0)!, b.cores.get(0)!), 1);
    assert.equal(cpuUsageRatio(a.cores.get(1)!, b.cores.get(1)!), 0);
    assert.equal(cpuUsageRatio(a.cores.get(3)!, b.cores.get(3)!), 0.25);
    assert.equal(cpuUsageRatio(a.total, a.total), undefined);
  });

  it("parseProcStat rejects text without a cpu line", () => {
    assert.throws(() => parseProcStat("intr 1 2 3\n"));
  });

  it("parseMeminfo converts kB to bytes and keeps unitless counts", () => {
    const m = parseMeminfo(read("proc/a/meminfo"));
    assert.equal(m.get("MemTotal"), 16384000 * 1024);
    assert.equal(m.get("SwapFree"), 1048576 * 1024);
    assert.equal(m.get("HugePages_Total"), 0);
  });

  it("parseLoadavg and parseUptime", () => {
    assert.deepEqual(parseLoadavg(read("proc/a/loadavg")), { load1: 0.52, load5: 1.25, load15: 2.5, running: 3, total: 412 });
    assert.equal(parseUptime(read("proc/a/uptime")), 86400.25);
    assert.throws(() => parseLoadavg("garbage"));
  });

  it("parseNetDev reads receive and transmit columns per interface", () => {
    const n = parseNetDev(read("proc/a/net/dev"));
    assert.deepEqual([...n.keys()], ["lo", "eth0", "docker0"]);
    const eth0 = n.get("eth0")!;
    assert.equal(eth0.rxBytes, 440995835);
    assert.equal(eth0.rxPackets, 13198);
    assert.equal(eth0.rxErrors, 2);
    assert.equal(eth0.txBytes, 941797);
    assert.equal(eth0.txPackets, 9076);
    assert.equal(eth0.txErrors, 3);
  });

  it("parseMounts decodes octal escapes in mount points", () => {
    const m = parseMounts(read("proc/a/self/mounts"));
    assert.equal(m.length, 12);
    const data = m.find((x) => x.device === "/dev/sdb1")!;
    assert.equal(data.mountPoint, "/data disk");
    assert.equal(data.fsType, "xfs");
    assert.deepEqual(data.options, ["rw", "relatime"]);
  });

  it("cgroup v2 parsers", () => {
    const dir = "sys/v2/fs/cgroup/system.slice/docker-c0ffee.scope/";
    assert.deepEqual(parseCgroupCpuStat(read(`${dir}cpu.stat`)), { usageNs: 2.5e9, userNs: 2e9, systemNs: 0.5e9 });
    assert.deepEqual(parseCgroupIoStat(read(`${dir}io.stat`)), { readBytes: 1048576 + 2048, writeBytes: 4096 + 8192 });
    assert.equal(parseCgroupLimit(read(`${dir}memory.max`)), 268435456);
    assert.equal(parseCgroupLimit("max\n"), undefined);
    assert.equal(parseFlatKeyed(read(`${dir}memory.stat`)).get("inactive_file"), 10485760);
    assert.throws(() => parseCgroupCpuStat("nr_periods 0\n"));
  });

  it("cgroup v1 parsers", () => {
    const dir = "sys/v1/fs/cgroup/";
    assert.deepEqual(parseBlkioServiceBytes(read(`${dir}blkio/docker/c0ffee/blkio.throttle.io_service_bytes`)), {
      readBytes: 5096,
      writeBytes: 2000,
    });
    assert.equal(parseCgroupLimit(read(`${dir}memory/docker/c0ffee/memory.limit_in_bytes`)), undefined);
  });

  it("parseProcCgroup reads v1 and v2 lines", () => {
    const lines = parseProcCgroup(read("proc/a/4242/cgroup"));
    assert.equal(lines.length, 5);
    assert.deepEqual(lines[1], { hierarchy: 4, controllers: ["cpu", "cpuacct"], path: "/docker/c0ffee" });
    assert.deepEqual(lines[4], { hierarchy: 0, controllers: [], path: "/system.slice/docker-c0ffee.scope" });
  });
});
