import assert from "node:assert/strict";
import { openFeed, type Feed } from "../helpers/feed.js";
import { waitFor } from "../helpers/processes.js";
import {
  inspect,
  post,
  removeContainers,
  requireDocker,
  runContainer,
  startFleet,
  stateOf,
  viewerClient,
  waitForContainer,
  type Fleet,
} from "./harness.js";

describe("container actions through the command stream (real master, worker and Docker engine)", function () {
  this.timeout(90_000);
  let fleet: Fleet & Awaited<ReturnType<typeof startFleet>>;
  let feed: Feed;
  let nodeId: string;

  before(async function () {
    requireDocker(this);
    fleet = await startFleet();
    nodeId = (await fleet.join()).nodeId;
    feed = await openFeed(fleet.master.http, fleet.master.api.token);
  });
  after(async () => {
    feed?.close();
    await fleet?.cleanup();
    try {
      removeContainers();
    } catch {}
  });

  const act = (cid: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    post(fleet.master, `/nodes/${nodeId}/containers/${cid}/actions`, body, headers);

  it("stops, starts and restarts a real container; records end succeeded; container.state and command.completed are on the feed", async () => {
    const id = runContainer("trap 'exit 0' TERM; while true; do sleep 0.1; done");
    await waitForContainer(fleet.master, nodeId, id, "running");

    const stop = await act(id, { action: "stop", stop_timeout_seconds: 2 });
    assert.equal(stop.status, 200, JSON.stringify(stop.body));
    assert.equal(stop.body.status, "succeeded");
    assert.equal(stop.body.kind, "container_action");
    assert.equal(stop.body.requested_by, "admin");
    assert.ok(stop.body.sent_at && stop.body.finished_at);
    assert.equal(stop.body.result.container.state, "exited");
    assert.equal(stateOf(id), "exited");
    await feed.waitFor(
      (e) => e.type === "container.state" && e.data.container_id === id && e.data.state === "exited",
      5_000,
      "container.state exited",
    );
    await feed.waitFor(
      (e) => e.type === "command.completed" && e.data.command_id === stop.body.id && e.data.status === "succeeded",
      5_000,
      "command.completed",
    );
    assert.equal((await waitForContainer(fleet.master, nodeId, id)).state, "exited", "the inventory reflects the stop at once");

    const start = await act(id.slice(0, 12), { action: "start" });
    assert.equal(start.status, 200, JSON.stringify(start.body));
    assert.equal(start.body.status, "succeeded");
    assert.equal(stateOf(id), "running");
    await feed.waitFor(
      (e) => e.type === "container.state" && e.data.container_id === id && e.data.state === "running" && e.data.previous_state === "exited",
      5_000,
      "container.state running",
    );

    const startedAt = () => inspect(id).State.StartedAt;
    const before = startedAt();
    const restart = await act(id, { action: "restart", stop_timeout_seconds: 2 });
    assert.equal(restart.status, 200, JSON.stringify(restart.body));
    assert.equal(restart.body.status, "succeeded");
    assert.equal(stateOf(id), "running");
    assert.notEqual(startedAt(), before, "the restart started the container again");

    const rec = await fleet.master.api.get(`/commands/${restart.body.id}`);
    assert.equal(rec.status, "succeeded");
    const list = await fleet.master.api.get(`/commands?node_id=${nodeId}&kind=container_action&limit=2`);
    assert.deepEqual(
      list.items.map((c: { id: string }) => c.id),
      [restart.body.id, start.body.id],
      "newest first",
    );
    assert.equal(list.page.has_more, true);
    const next = await fleet.master.api.get(`/commands?node_id=${nodeId}&kind=container_action&limit=2&cursor=${list.page.next_cursor}`);
    assert.deepEqual(
      next.items.map((c: { id: string }) => c.id),
      [stop.body.id],
    );
    assert.equal((await fleet.master.api.call("GET", "/commands/cmd_missing")).status, 404);
  });

  it("answers 404 for an unknown container or node and 400 for an unknown action", async () => {
    assert.equal((await act("0123456789abcdef", { action: "stop" })).status, 404);
    assert.equal((await post(fleet.master, `/nodes/nope/containers/abc/actions`, { action: "stop" })).status, 404);
    const id = runContainer("sleep 300");
    await waitForContainer(fleet.master, nodeId, id);
    const bad = await act(id, { action: "explode" });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, "invalid_argument");
  });

  it("refuses actions to a viewer (403) but lets them read logs", async () => {
    const id = runContainer("echo hello; sleep 300");
    await waitForContainer(fleet.master, nodeId, id);
    const viewer = await viewerClient(fleet.master);
    const r = await viewer.call("POST", `/nodes/${nodeId}/containers/${id}/actions`, { action: "stop" });
    assert.equal(r.status, 403);
    assert.equal(stateOf(id), "running");
    const logs = await viewer.call("GET", `/nodes/${nodeId}/containers/${id}/logs?tail=5`);
    assert.equal(logs.status, 200, JSON.stringify(logs.body));
  });

  it("runs a submission with a repeated Idempotency-Key once and returns the first record", async () => {
    const id = runContainer("trap 'exit 0' TERM; while true; do sleep 0.1; done");
    await waitForContainer(fleet.master, nodeId, id, "running");
    const key = `restart-${id.slice(0, 8)}`;
    const [a, b] = await Promise.all([
      act(id, { action: "restart", stop_timeout_seconds: 1 }, { "idempotency-key": key }),
      act(id, { action: "restart", stop_timeout_seconds: 1 }, { "idempotency-key": key }),
    ]);
    const c = await act(id, { action: "restart", stop_timeout_seconds: 1 }, { "idempotency-key": key });
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    assert.equal(a.body.id, b.body.id);
    assert.equal(a.body.id, c.body.id);
    const all = await fleet.master.api.get(`/commands?node_id=${nodeId}&kind=container_action&limit=500`);
    assert.equal(all.items.filter((x: { params: { container_id: string } }) => x.params.container_id === id).length, 1, "one command was sent");
  });

  it("ends a stop that outlasts the command timeout timed_out, then reports the real state", async () => {
    const id = runContainer(`trap "" TERM; while true; do sleep 1; done`);
    await waitForContainer(fleet.master, nodeId, id, "running");
    const r = await act(id, { action: "stop", stop_timeout_seconds: 4, timeout_seconds: 1 });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.status, "timed_out");
    assert.equal(r.body.error_code, "deadline_exceeded");
    assert.equal(stateOf(id), "running", "still in its grace period");
    await feed.waitFor(
      (e) => e.type === "command.completed" && e.data.command_id === r.body.id && e.data.status === "timed_out",
      5_000,
      "command.completed timed_out",
    );
    await waitForContainer(fleet.master, nodeId, id, "exited");
    assert.equal(stateOf(id), "exited");
  });

  it("refuses actions on a worker started with --allow-container-actions=false and says why", async () => {
    const other = await fleet.join(["--allow-container-actions=false"]);
    const id = runContainer("sleep 300");
    await waitForContainer(fleet.master, other.nodeId, id, "running");
    const r = await post(fleet.master, `/nodes/${other.nodeId}/containers/${id}/actions`, { action: "stop" });
    assert.equal(r.status, 403, JSON.stringify(r.body));
    assert.equal(r.body.code, "permission_denied");
    assert.match(r.body.error, /actions are disabled on this worker/);
    assert.equal(stateOf(id), "running");
    const rec = (await fleet.master.api.get(`/commands?node_id=${other.nodeId}&kind=container_action`)).items[0];
    assert.equal(rec.status, "failed");
    assert.equal(rec.error_code, "permission_denied");
    const logs = await fleet.master.api.call("GET", `/nodes/${other.nodeId}/containers/${id}/logs?tail=1`);
    assert.equal(logs.status, 200, "logs stay allowed");
  });

  it("answers 503 in under 1 s when the node is offline, without sending a command", async () => {
    const gone = await fleet.join();
    const id = runContainer("sleep 300");
    await waitForContainer(fleet.master, gone.nodeId, id, "running");
    await gone.proc.kill("SIGTERM");
    await waitFor(async () => (await fleet.master.api.get<{ status: string }>(`/nodes/${gone.nodeId}`)).status === "offline", 5_000, "node offline");
    const r = await post(fleet.master, `/nodes/${gone.nodeId}/containers/${id}/actions`, { action: "stop" });
    assert.equal(r.status, 503, JSON.stringify(r.body));
    assert.equal(r.body.code, "unavailable");
    assert.ok(r.ms < 1_000, `answered in ${r.ms} ms`);
    const recs = await fleet.master.api.get(`/commands?node_id=${gone.nodeId}`);
    assert.equal(recs.items.length, 0);
  });
});
