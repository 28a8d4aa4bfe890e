import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Docker from "dockerode";
import { startHarness, until, type Harness } from "./harness.js";

const SOCKET = process.env.FLOTILLA_DOCKER_SOCKET ?? "/var/run/docker.sock";
const IMAGE = process.env.FLOTILLA_TEST_IMAGE ?? "local/busybox:1";
const RUN = randomBytes(4).toString("hex");
const LABEL = "flotilla.test.scans";
const SECRET_VALUE = `s3cr3t-${randomBytes(12).toString("hex")}`;
const docker = new Docker({ socketPath: SOCKET });
const n = (name: string) => `scan-${name}-${RUN}`;

describe("scans: docker-security end to end against the real engine", function () {
  this.timeout(120_000);
  let h: Harness | undefined;
  let root = "";
  let engine = false;

  before(async function () {
    try {
      await docker.ping();
      await docker.getImage(IMAGE).inspect();
      engine = true;
    } catch (err) {
      if (process.env.CI === "true") throw new Error(`Docker engine or image ${IMAGE} unavailable: ${String(err)}`);
      this.skip();
    }
    const make = (name: string, o: Docker.ContainerCreateOptions) =>
      docker.createContainer({
        Image: IMAGE,
        Cmd: ["sleep", "3600"],
        name: n(name),
        Labels: { [LABEL]: RUN },
        ...o,
        HostConfig: { NetworkMode: "none", ...o.HostConfig },
      });
    await make("priv", { HostConfig: { Privileged: true } });
    await make("sock", { HostConfig: { Binds: [`${SOCKET}:/var/run/docker.sock`] } });
    await make("secret", { Env: [`DB_PASSWORD=${SECRET_VALUE}`] });
    root = await mkdtemp(path.join(os.tmpdir(), "flotilla-empty-root-"));
    h = await startHarness();
    await h.addNode("n1");
    h.attachWorker("n1", root, SOCKET);
  });

  after(async () => {
    await h?.close();
    if (!engine) return;
    const mine = await docker.listContainers({ all: true, filters: { label: [`${LABEL}=${RUN}`] } });
    for (const c of mine) await docker.getContainer(c.Id).remove({ force: true });
    if (root) await rm(root, { recursive: true, force: true });
  });

  const run = async () => {
    const r = await h!.call("POST", "/scans", { targets: { node_ids: ["n1"] }, scanners: ["docker-security"] });
    assert.equal(r.status, 202, r.text);
    return until(
      async () => {
        const s = (await h!.call("GET", `/scans/${r.body.scan_id}`)).body;
        return s.status === "completed" || s.status === "failed" ? s : undefined;
      },
      "scan to finish",
      60_000,
    );
  };
  const rulesOn = (items: any[], name: string) => items.filter((f) => f.resource === `container:${n(name)}`).map((f) => f.rule_id);

  it("finds the offending containers, keeps triage across a fix, and reports the fix", async () => {
    const first = await run();
    assert.equal(first.status, "completed", JSON.stringify(first.nodes));
    const items = (await h!.call("GET", "/findings?scanner=docker-security&limit=500")).body.items;
    assert.ok(rulesOn(items, "priv").includes("docker-security/privileged"), JSON.stringify(items.map((f: any) => f.resource)));
    assert.ok(rulesOn(items, "sock").includes("docker-security/docker-socket"));
    assert.ok(rulesOn(items, "secret").includes("docker-security/secret-env"));
    const secret = items.find((f: any) => f.rule_id === "docker-security/secret-env" && f.resource === `container:${n("secret")}`);
    const r = await h!.call("PATCH", `/findings/${secret.fingerprint}`, { status: "accepted_risk", note: "rotating soon" });
    assert.equal(r.status, 200);

    const priv = items.find((f: any) => f.rule_id === "docker-security/privileged" && f.resource === `container:${n("priv")}`);
    await docker.getContainer(n("priv")).remove({ force: true });
    const second = await run();
    const c = (await h!.call("GET", `/scans/compare?base=${first.id}&head=${second.id}`)).body;
    assert.ok(c.fixed.some((f: any) => f.fingerprint === priv.fingerprint));
    assert.ok(!c.fixed.some((f: any) => f.fingerprint === secret.fingerprint));
    assert.equal((await h!.call("GET", `/findings/${priv.fingerprint}`)).body.status, "resolved");
    assert.ok(h!.events.some((e) => e.type === "finding.resolved" && e.data.fingerprint === priv.fingerprint));
    const kept = (await h!.call("GET", `/findings/${secret.fingerprint}`)).body;
    assert.equal(kept.status, "accepted_risk");
    assert.equal(kept.triage_note, "rotating soon");

    const big = (_k: string, v: unknown) => (typeof v === "bigint" ? v.toString() : v);
    const dump =
      JSON.stringify(await h!.ctx.db.finding.findMany(), big) +
      JSON.stringify(h!.events) +
      h!.logs.join("") +
      (await h!.call("GET", `/scans/${second.id}/report?format=csv`)).text +
      (await h!.call("GET", `/scans/${second.id}/report?format=html`)).text;
    assert.ok(dump.includes("DB_PASSWORD"), "the variable name is reported");
    assert.ok(!dump.includes(SECRET_VALUE), "the secret value leaked");
  });
});
