import assert from "node:assert/strict";
import { join } from "node:path";
import { locateContainerCgroup, readCgroupSample } from "../../worker/src/collectors/container-cgroup.js";
import { containerPoints, type ContainerSample } from "../../worker/src/collectors/container-sample.js";
import { FIXTURES, one } from "./helpers.js";

const proc = `${FIXTURES}proc/a`;

describe("container cgroup reader on fixtures", () => {
  it("finds a systemd-driver cgroup v2 scope and reads its counters", async () => {
    const sys = `${FIXTURES}sys/v2`;
    const loc = await locateContainerCgroup(sys, proc, "c0ffee");
    assert.deepEqual(loc, { version: 2, dir: join(sys, "fs/cgroup/system.slice/docker-c0ffee.scope") });
    const s = await readCgroupSample(loc!);
    assert.equal(s.cpuNs, 2.5e9);
    assert.equal(s.memUsageBytes, 52428800 - 10485760);
    assert.equal(s.memLimitBytes, 268435456);
    assert.equal(s.blkioReadBytes, 1050624);
    assert.equal(s.blkioWriteBytes, 12288);
  });

  it("finds a cgroupfs-driver cgroup v1 hierarchy, also through /proc/<pid>/cgroup", async () => {
    const sys = `${FIXTURES}sys/v1`;
    const loc = await locateContainerCgroup(sys, proc, "c0ffee", 4242);
    assert.equal(loc?.version, 1);
    const s = await readCgroupSample(loc!);
    assert.equal(s.cpuNs, 7.5e9);
    assert.equal(s.memUsageBytes, 630784 - 102400);
    assert.equal(s.memLimitBytes, undefined, "the v1 'unlimited' value means no limit");
    assert.equal(s.blkioReadBytes, 5096);
    assert.equal(s.blkioWriteBytes, 2000);
  });

  it("returns undefined for an unknown container", async () => {
    assert.equal(await locateContainerCgroup(`${FIXTURES}sys/v2`, proc, "deadbeef"), undefined);
  });
});

describe("containerPoints", () => {
  const base: ContainerSample = {
    source: "cgroup",
    cpuNs: 0,
    clockNs: 0,
    memUsageBytes: 100,
    blkioReadBytes: 1,
    blkioWriteBytes: 2,
  };
  const labels = { id: "c0ffee", name: "web" };

  it("cpu_ratio is CPU time over elapsed time (1 = one core) and needs a previous sample", () => {
    const first = containerPoints(labels, base, undefined, 1000);
    assert.equal(
      first.some((p) => p.name === "container.cpu_ratio"),
      false,
    );
    const next = { ...base, cpuNs: 3e9, clockNs: 2e9 };
    assert.equal(one(containerPoints(labels, next, base, 1000), "container.cpu_ratio", labels), 1.5);
    assert.equal(
      containerPoints(labels, { ...next, source: "api" }, base, 1000).some((p) => p.name === "container.cpu_ratio"),
      false,
    );
  });

  it("an unlimited container reports the host memory as its limit", () => {
    assert.equal(one(containerPoints(labels, base, undefined, 4096), "container.mem_limit_bytes"), 4096);
    assert.equal(one(containerPoints(labels, { ...base, memLimitBytes: 512 }, undefined, 4096), "container.mem_limit_bytes"), 512);
  });
});
