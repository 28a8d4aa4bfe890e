import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { waitFor, type MasterProc } from "../helpers/processes.js";
import { docker, removeContainers, requireDocker, runContainer, startFleet, waitForContainer } from "../containers/harness.js";

type AlertView = { id: string; state: string; subject: string; node_id: string; summary: string };

describe("alerts from a real worker: container rule on a real Docker engine, filesystem rule from real metrics", function () {
  this.timeout(120_000);
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  const prefix = `flt-alert-${randomBytes(3).toString("hex")}`;

  before(async function () {
    requireDocker(this);
    fleet = await startFleet();
  });
  let restarted: MasterProc | undefined;
  after(async () => {
    await restarted?.cleanup();
    await fleet?.cleanup();
    try {
      removeContainers();
    } catch {}
  });

  const alerts = async (ruleId: string, state = "") =>
    (await fleet.master.api.get<{ items: AlertView[] }>(`/alerts?rule_id=${ruleId}${state ? `&state=${state}` : ""}&limit=500`)).items;

  it("a stopped container fires the container rule for that container only; starting it resolves the alert", async () => {
    const api = fleet.master.api;
    const rule = await api.post<{ id: string }>("/alert-rules", {
      name: "app containers",
      kind: "container_down",
      severity: "high",
      for_seconds: 2,
      params: { container: `${prefix}-*` },
    });
    const script = "trap 'exit 0' TERM; while true; do sleep 0.2; done";
    const a = runContainer(script, ["--name", `${prefix}-a`]);
    const b = runContainer(script, ["--name", `${prefix}-b`]);
    const { nodeId } = await fleet.join();
    await waitForContainer(fleet.master, nodeId, a, "running");
    await waitForContainer(fleet.master, nodeId, b, "running");

    docker("stop", "-t", "2", a);
    const fired = await waitFor(async () => (await alerts(rule.id, "firing"))[0], 30_000, "container alert firing");
    assert.equal(fired.subject, `container:${nodeId}/${prefix}-a`);
    assert.equal(fired.node_id, nodeId);
    assert.match(fired.summary, new RegExp(`${prefix}-a on node ${nodeId} is exited`));
    await new Promise((r) => setTimeout(r, 3_000));
    assert.deepEqual(
      (await alerts(rule.id)).map((x) => x.subject),
      [`container:${nodeId}/${prefix}-a`],
      "the running container has no alert",
    );

    docker("start", a);
    await waitFor(async () => (await alerts(rule.id, "resolved")).length === 1, 30_000, "container alert resolved");
    assert.deepEqual(await alerts(rule.id, "firing"), []);
  });

  it("a filesystem rule with a lowered threshold fires from the worker's real metrics", async () => {
    const api = fleet.master.api;
    const rule = await api.post<{ id: string }>("/alert-rules", {
      name: "disk",
      kind: "metric_threshold",
      severity: "medium",
      for_seconds: 1,
      params: { metric: "filesystem", threshold: 0.001 },
    });
    const nodeId = (await api.get<{ items: { id: string }[] }>("/nodes")).items[0]!.id;
    const fired = await waitFor(async () => (await alerts(rule.id, "firing"))[0], 30_000, "filesystem alert firing");
    assert.equal(fired.subject, `node:${nodeId}`);
    assert.match(fired.summary, /filesystem at 0\.\d+ on node .* above 0\.001/);
    const high = await api.post<{ id: string }>("/alert-rules", {
      name: "disk (normal)",
      kind: "metric_threshold",
      severity: "medium",
      for_seconds: 1,
      params: { metric: "filesystem", threshold: 1 },
    });
    await new Promise((r) => setTimeout(r, 4_000));
    assert.deepEqual(await alerts(high.id), [], "a threshold above 100 % never fires");
  });

  it("a container already stopped when the master starts fires a rule created after the start", async () => {
    const nodeId = (await fleet.master.api.get<{ items: { id: string }[] }>("/nodes")).items[0]!.id;
    const c = runContainer("trap 'exit 0' TERM; while true; do sleep 0.2; done", ["--name", `${prefix}-c`]);
    await waitForContainer(fleet.master, nodeId, c, "running");
    docker("stop", "-t", "2", c);
    await waitForContainer(fleet.master, nodeId, c, "exited");

    // the container stays stopped across the restart: no container.state event tells the new process about it
    restarted = await fleet.master.restart();
    const api = restarted.api;
    await waitFor(async () => (await api.get<{ status: string }>(`/nodes/${nodeId}`)).status === "online", 30_000, "node back online");
    const rule = await api.post<{ id: string }>("/alert-rules", {
      name: "stopped before the start",
      kind: "container_down",
      severity: "high",
      for_seconds: 1,
      params: { container: `${prefix}-c` },
    });
    const list = async (state = "") =>
      (await api.get<{ items: AlertView[] }>(`/alerts?rule_id=${rule.id}${state ? `&state=${state}` : ""}&limit=500`)).items;
    const fired = await waitFor(async () => (await list("firing"))[0], 30_000, "alert for the container stopped before the start");
    assert.equal(fired.subject, `container:${nodeId}/${prefix}-c`);
    assert.match(fired.summary, /is exited/);

    docker("start", c);
    await waitFor(async () => (await list("resolved")).length === 1, 30_000, "alert resolved once the container runs");
  });
});
