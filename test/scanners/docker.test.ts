import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Docker from "dockerode";
import { dockerSecurity } from "../../worker/src/scanners/docker-security.js";
import { dockerWaste } from "../../worker/src/scanners/docker-waste.js";
import type { ScanFinding } from "../../worker/src/scanners/scanner.js";
import { testContext } from "./helpers.js";

const RUN = randomBytes(4).toString("hex");
const LABEL = "flotilla.test.scanners";
const IMAGE = `local/flotilla-scan-${RUN}`;
const SECRET_VALUE = `s3cr3t-${randomBytes(12).toString("hex")}`;
const docker = new Docker({ socketPath: process.env.FLOTILLA_DOCKER_SOCKET ?? "/var/run/docker.sock" });
const n = (name: string) => `${name}-${RUN}`;

async function importImage(tag: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "flotilla-rootfs-"));
  try {
    await mkdir(path.join(dir, "bin"));
    await copyFile("/bin/busybox", path.join(dir, "bin/busybox"));
    for (const a of ["sh", "sleep", "true"]) await symlink("busybox", path.join(dir, "bin", a));
    // Distinct content per import, so images do not share their only layer.
    await writeFile(path.join(dir, "marker"), `${tag} ${randomBytes(8).toString("hex")}\n`);
    const out = execFileSync("sh", ["-c", `tar -C "$1" -c . | docker import --change "LABEL ${LABEL}=${RUN}" - "$2"`, "sh", dir, tag]);
    return out.toString().trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function create(name: string, opts: Docker.ContainerCreateOptions & { start?: boolean }) {
  const { start, ...rest } = opts;
  const c = await docker.createContainer({
    Image: `${IMAGE}:1`,
    Cmd: ["sleep", "3600"],
    name: n(name),
    Labels: { [LABEL]: RUN },
    ...rest,
    HostConfig: { NetworkMode: "none", ...rest.HostConfig },
  });
  if (start) await c.start();
  return c;
}

const on = (findings: ScanFinding[], resource: string) =>
  findings
    .filter((f) => f.resource === resource)
    .map((f) => f.ruleId)
    .sort();

describe("docker scanners against the real engine", function () {
  this.timeout(120_000);
  let danglingId = "";
  let unusedId = "";
  const logs: string[] = [];

  before(async function () {
    try {
      await docker.ping();
    } catch (err) {
      if (process.env.CI === "true") throw new Error(`Docker engine unavailable: ${String(err)}`);
      this.skip();
    }
    danglingId = await importImage(`${IMAGE}:1`);
    await importImage(`${IMAGE}:1`); // moves the tag: the first image is now dangling
    execFileSync("docker", ["tag", `${IMAGE}:1`, `${IMAGE}:latest`]);
    unusedId = await importImage(`${IMAGE}-unused:1`);
    await docker.createVolume({ Name: n("unused-vol"), Labels: { [LABEL]: RUN } });
    await docker.createVolume({ Name: n("used-vol"), Labels: { [LABEL]: RUN } });
    await create("priv", { HostConfig: { Privileged: true } });
    await create("nonroot", { User: "1000:1000", HostConfig: { Memory: 64 * 1024 * 1024, Binds: [`${n("used-vol")}:/data`] } });
    await create("sock", { HostConfig: { Binds: ["/var/run/docker.sock:/var/run/docker.sock"], CapAdd: ["NET_ADMIN"] } });
    await create("secret", { Env: [`SECRET_TOKEN=${SECRET_VALUE}`, "LOG_LEVEL=info"] });
    await create("latest", { Image: `${IMAGE}:latest` });
    await create("port", {
      ExposedPorts: { "80/tcp": {} },
      HostConfig: { NetworkMode: "default", PortBindings: { "80/tcp": [{ HostPort: "18080" }] } },
    });
    const exited = await create("exited", { Cmd: ["true"], start: true });
    await exited.wait();
    await create("idle", { start: true });
    await create("busy", { Cmd: ["sh", "-c", "while :; do :; done"], start: true });
  });

  after(async function () {
    const mine = await docker.listContainers({ all: true, filters: { label: [`${LABEL}=${RUN}`] } });
    await Promise.all(mine.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true })));
    for (const v of [n("unused-vol"), n("used-vol")])
      await docker
        .getVolume(v)
        .remove()
        .catch(() => undefined);
    for (const ref of [`${IMAGE}:1`, `${IMAGE}:latest`, `${IMAGE}-unused:1`, danglingId, unusedId]) {
      if (ref)
        await docker
          .getImage(ref)
          .remove({ force: true })
          .catch(() => undefined);
    }
  });

  function ctx(options: Record<string, unknown> = {}, now?: () => Date) {
    const t = testContext("/", { docker, options, ...(now ? { now } : {}) });
    logs.push(...t.lines);
    return t;
  }

  it("docker-security reports the expected rules on each container", async () => {
    const t = ctx();
    const out = await dockerSecurity.scan(t.ctx);
    logs.push(...t.lines);
    const f = out.findings;
    assert.deepEqual(on(f, `container:${n("priv")}`), ["docker-security/no-memory-limit", "docker-security/privileged", "docker-security/root-user"]);
    assert.deepEqual(on(f, `container:${n("nonroot")}`), []);
    assert.deepEqual(on(f, `container:${n("sock")}`), [
      "docker-security/dangerous-capability",
      "docker-security/docker-socket",
      "docker-security/no-memory-limit",
      "docker-security/root-user",
    ]);
    assert.deepEqual(on(f, `container:${n("secret")}`), [
      "docker-security/no-memory-limit",
      "docker-security/root-user",
      "docker-security/secret-env",
    ]);
    assert.deepEqual(on(f, `container:${n("latest")}`), [
      "docker-security/no-memory-limit",
      "docker-security/root-user",
      "docker-security/unpinned-image",
    ]);
    assert.deepEqual(on(f, `container:${n("port")}`), [
      "docker-security/no-memory-limit",
      "docker-security/public-port",
      "docker-security/root-user",
    ]);
    const secret = f.find((x) => x.ruleId === "docker-security/secret-env" && x.resource === `container:${n("secret")}`);
    assert.deepEqual(secret?.evidence.env_names, ["SECRET_TOKEN"]);
    assert.equal(f.find((x) => x.ruleId === "docker-security/privileged")?.severity, "critical");
    const text = JSON.stringify(out) + t.lines.join("");
    assert.ok(!text.includes(SECRET_VALUE), "the secret value must never be reported");
  });

  it("docker-waste finds exited containers, dangling and unused images, unused volumes and idle containers", async () => {
    const t = ctx({ exited_older_than_hours: 0, idle_window_seconds: 2 });
    const out = await dockerWaste.scan(t.ctx);
    logs.push(...t.lines);
    const f = out.findings;
    assert.deepEqual(on(f, `container:${n("exited")}`), ["docker-waste/exited-container"]);
    assert.deepEqual(on(f, `image:${danglingId}`), ["docker-waste/dangling-image"]);
    assert.deepEqual(on(f, `image:${unusedId}`), ["docker-waste/unused-image"]);
    assert.deepEqual(
      f.filter((x) => x.evidence.image_id && String(x.evidence.tags).includes(`${IMAGE}:1`)),
      [],
      "an image in use is not waste",
    );
    assert.deepEqual(on(f, `volume:${n("unused-vol")}`), ["docker-waste/unused-volume"]);
    assert.deepEqual(on(f, `volume:${n("used-vol")}`), []);
    assert.deepEqual(on(f, `container:${n("idle")}`), ["docker-waste/idle-container"]);
    assert.deepEqual(on(f, `container:${n("busy")}`), []);
    const dangling = f.find((x) => x.resource === `image:${danglingId}`)!;
    assert.ok((dangling.reclaimableBytes ?? 0) > 500_000, "busybox image size is reclaimable");
    const expected = ((dangling.reclaimableBytes ?? 0) / 1024 ** 3) * 0.1;
    assert.ok(Math.abs((dangling.monthlyCost ?? 0) - expected) < 1e-4);
    assert.ok((f.find((x) => x.resource === `container:${n("idle")}`)?.monthlyCost ?? 0) > 0, "idle container memory is priced");
    assert.ok(!(JSON.stringify(out) + t.lines.join("")).includes(SECRET_VALUE));
  });

  it("docker-waste keeps recently exited containers under the default threshold until the clock passes it", async () => {
    const fresh = await dockerWaste.scan(ctx({ idle_window_seconds: 0 }).ctx);
    assert.deepEqual(on(fresh.findings, `container:${n("exited")}`), []);
    const later = () => new Date(Date.now() + 25 * 3600 * 1000);
    const old = await dockerWaste.scan(ctx({ idle_window_seconds: 0 }, later).ctx);
    assert.deepEqual(on(old.findings, `container:${n("exited")}`), ["docker-waste/exited-container"]);
  });

  it("rejects a bad option with a clear error", async () => {
    await assert.rejects(dockerWaste.scan(ctx({ idle_cpu_ratio: "lots" }).ctx), (err: Error & { code?: string }) => {
      assert.equal(err.code, "invalid_argument");
      assert.match(err.message, /idle_cpu_ratio/);
      return true;
    });
  });

  it("never logs the secret value", () => {
    assert.ok(!logs.join("").includes(SECRET_VALUE));
  });
});
