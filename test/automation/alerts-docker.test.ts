import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { waitFor } from "../helpers/processes.js";
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
  after(async () => {
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
});
