import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { WorkerEvent } from "@flotilla/shared/gen/flotilla/v1/telemetry_pb.js";
import {
  createCollectors,
  createContainersCollector,
  createDockerSource,
  runCollectors,
  type DockerSource,
} from "../../worker/src/collectors/index.js";
import { createDockerEngine } from "../../worker/src/docker.js";
import { find, hostCtx, silentLog } from "./helpers.js";

const SOCKET = process.env.FLOTILLA_DOCKER_SOCKET ?? "/var/run/docker.sock";
const IMAGE = "local/busybox:1";
const IMAGE_SCRIPT = fileURLToPath(new URL("../../scripts/docker-image.sh", import.meta.url));

describe("docker source and container metrics (real engine)", function () {
  const run = randomBytes(4).toString("hex");
  const label = { "flotilla.test": run };
  let source: DockerSource;
  const ids: string[] = [];

  before(async function () {
    source = createDockerSource({ engine: createDockerEngine(SOCKET), log: silentLog });
    if (!(await source.ping())) {
      source.close();
      if (process.env.CI === "true") throw new Error(`Docker engine unavailable at ${SOCKET}`);
      this.skip();
    }
    execFileSync("sh", [IMAGE_SCRIPT], { stdio: "ignore" });
    for (let i = 0; i < 3; i++) {
      const c = await source.docker.createContainer({
        name: `flotilla-test-${run}-${i}`,
        Image: IMAGE,
        Cmd: ["sleep", "300"],
        Labels: label,
        HostConfig: { NetworkMode: "none" },
      });
      ids.push(c.id);
      await c.start();
    }
  });

  after(async () => {
    if (!source) return;
    for (const id of ids)
      await source.docker
        .getContainer(id)
        .remove({ force: true })
        .catch(() => undefined);
    source.close();
  });

  it("inventory lists the containers with name, image, state and labels", async () => {
    const inv = await source.inventory();
    for (const [i, id] of ids.entries()) {
      const c = inv.find((x) => x.id === id);
      assert.ok(c, `container ${id} listed`);
      assert.equal(c.name, `flotilla-test-${run}-${i}`);
      assert.equal(c.image, IMAGE);
      assert.match(c.imageId, /^sha256:/);
      assert.equal(c.state, "running");
      assert.match(c.status, /^Up/);
      assert.equal(c.labels["flotilla.test"], run);
      assert.equal(c.restartCount, 0);
      assert.ok(Number(c.createdMs) > Date.now() - 600_000);
    }
  });

  for (const method of ["auto", "api"] as const) {
    it(`container stats (${method}) give CPU and memory points for each container`, async () => {
      const collector = createContainersCollector({ method });
      const ctx = hostCtx({ docker: source });
      await collector.collect(ctx);
      await new Promise((r) => setTimeout(r, 300));
      const points = await collector.collect(ctx);
      for (const id of ids) {
        const cpu = find(points, "container.cpu_ratio", { id });
        assert.equal(cpu.length, 1, `cpu for ${id}`);
        assert.ok(cpu[0]!.value >= 0 && cpu[0]!.value < 0.5, `sleeping container cpu ${cpu[0]!.value}`);
        const mem = find(points, "container.mem_usage_bytes", { id });
        assert.equal(mem.length, 1);
        assert.ok(mem[0]!.value > 0);
        assert.ok(find(points, "container.mem_limit_bytes", { id })[0]!.value >= mem[0]!.value);
        assert.equal(find(points, "container.blkio_read_bytes", { id }).length, 1);
      }
    });
  }

  it("stopping a container yields a die/stop event within 5 s", async () => {
    const target = ids[2]!;
    const seen: WorkerEvent[] = [];
    let resolve!: () => void;
    const got = new Promise<void>((r) => (resolve = r));
    const stop = source.events((e) => {
      seen.push(e);
      if (e.containerId === target && (e.type === "container.die" || e.type === "container.stop")) resolve();
    });
    try {
      await new Promise((r) => setTimeout(r, 300)); // let the event stream attach
      await source.docker.getContainer(target).stop({ t: 0 });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        got,
        new Promise(
          (_, reject) => (timer = setTimeout(() => reject(new Error(`no die/stop event; saw ${seen.map((e) => e.type).join(",")}`)), 5000)),
        ),
      ]).finally(() => clearTimeout(timer));
      const ev = seen.find((e) => e.containerId === target)!;
      assert.equal(ev.attributes["flotilla.test"], run);
      assert.ok(Number(ev.tsMs) > Date.now() - 60_000);
      const inv = await source.inventory();
      assert.equal(inv.find((c) => c.id === target)?.state, "exited");
    } finally {
      stop();
    }
  });
});

describe("docker source without an engine", () => {
  it("a host without a docker socket yields no container points and no failure", async () => {
    const source = createDockerSource({ engine: createDockerEngine("/nonexistent/docker.sock"), log: silentLog });
    try {
      assert.equal(source.installed, false);
      const round = await runCollectors(
        createCollectors().filter((c) => c.name === "containers"),
        hostCtx({ docker: source }),
      );
      assert.equal(round.statuses[0]!.success, true);
      assert.equal(round.points.filter((p) => p.name.startsWith("container.")).length, 0);
    } finally {
      source.close();
    }
  });

  it("an unreachable engine reports unavailable and the containers collector fails cleanly", async () => {
    const dir = mkdtempSync(join(tmpdir(), "flotilla-docker-"));
    const socketPath = join(dir, "docker.sock");
    writeFileSync(socketPath, ""); // exists, but nothing listens
    const source = createDockerSource({ engine: createDockerEngine(socketPath), log: silentLog });
    try {
      assert.equal(await source.ping(), false);
      assert.equal(source.available, false);
      await assert.rejects(source.inventory());
      const round = await runCollectors(
        createCollectors().filter((c) => c.name === "containers"),
        hostCtx({ docker: source }),
      );
      assert.equal(round.statuses[0]!.success, false);
      assert.ok(round.statuses[0]!.error);
    } finally {
      source.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
