import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { followContainerLogs, LogFollowClosedError, type LogLine } from "@flotilla/client";
import WebSocket from "ws";
import type { Proc } from "../helpers/processes.js";
import { docker, removeContainers, requireDocker, runContainer, startFleet, viewerClient, waitForContainer } from "./harness.js";

type Line = { stream: string; text: string; ts: string };

/** follow opens the log follow socket and records the lines and the close. */
async function follow(url: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(url, { headers });
  const lines: Line[] = [];
  const closed = new Promise<{ code: number; reason: string }>((ok) => ws.on("close", (code, reason) => ok({ code, reason: reason.toString() })));
  ws.on("message", (raw) => lines.push(JSON.parse(raw.toString()) as Line));
  await new Promise<void>((ok, fail) => {
    ws.once("open", () => ok());
    ws.once("unexpected-response", (_req, res) => fail(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once("error", fail);
  });
  return { ws, lines, closed };
}

describe("container logs through the command stream (real master, worker and Docker engine)", function () {
  this.timeout(90_000);
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  let nodeId: string;
  let worker: Proc;
  let wsBase: string;

  before(async function () {
    requireDocker(this);
    fleet = await startFleet();
    ({ nodeId, proc: worker } = await fleet.join());
    wsBase = fleet.master.http.replace(/^http/, "ws");
  });
  /** sdkFollow follows with the client SDK; `ended` is "ended" or what it threw. */
  function sdkFollow(containerId: string) {
    const lines: LogLine[] = [];
    let first!: () => void;
    const started = new Promise<void>((r) => (first = r));
    const ended = (async () => {
      try {
        for await (const l of followContainerLogs({ url: fleet.master.http, apiKey: fleet.master.api.token, nodeId, containerId, tail: 0 })) {
          lines.push(l);
          first();
        }
        return "ended" as const;
      } catch (e) {
        return e;
      } finally {
        first();
      }
    })();
    return { lines, started, ended };
  }

  after(async () => {
    await fleet?.cleanup();
    try {
      removeContainers();
    } catch {}
  });

  it("logs?tail=5 returns exactly the container's last 5 lines, stdout and stderr marked", async () => {
    const id = runContainer("for i in $(seq 1 40); do echo out$i; echo err$i >&2; done; sleep 300");
    await waitForContainer(fleet.master, nodeId, id);
    const r = await fleet.master.api.get<{ lines: Line[]; truncated: boolean }>(`/nodes/${nodeId}/containers/${id}/logs?tail=5`);
    assert.equal(r.lines.length, 5);
    const cli = spawnSync("docker", ["logs", "--tail", "5", id], { encoding: "utf8" });
    const lines = (t: string) => t.split("\n").filter(Boolean);
    assert.deepEqual(
      r.lines.filter((l) => l.stream === "stdout").map((l) => l.text),
      lines(cli.stdout),
      "same stdout lines as docker logs --tail 5",
    );
    assert.deepEqual(
      r.lines.filter((l) => l.stream === "stderr").map((l) => l.text),
      lines(cli.stderr),
      "same stderr lines as docker logs --tail 5",
    );
    assert.equal(r.truncated, false);
    const all = await fleet.master.api.get<{ lines: Line[] }>(`/nodes/${nodeId}/containers/${id}/logs?tail=10000`);
    assert.equal(all.lines.length, 80);
    assert.deepEqual(r.lines, all.lines.slice(-5));
    for (const l of all.lines) assert.equal(l.stream, l.text.startsWith("err") ? "stderr" : "stdout");
    assert.ok(all.lines.every((l) => !Number.isNaN(Date.parse(l.ts))));
    const rec = (await fleet.master.api.get(`/commands?node_id=${nodeId}&kind=container_logs&limit=1`)).items[0];
    assert.equal(rec.status, "succeeded");
    assert.deepEqual(rec.result, { lines: 80, truncated: false });
  });

  it("rejects a tail over 10000 and a malformed since with 400", async () => {
    const id = runContainer("sleep 300");
    await waitForContainer(fleet.master, nodeId, id);
    assert.equal((await fleet.master.api.call("GET", `/nodes/${nodeId}/containers/${id}/logs?tail=10001`)).status, 400);
    assert.equal((await fleet.master.api.call("GET", `/nodes/${nodeId}/containers/${id}/logs?since=yesterday`)).status, 400);
    assert.equal((await fleet.master.api.call("GET", `/nodes/${nodeId}/containers/missing0000/logs`)).status, 404);
  });

  it("follow delivers a line printed by the container within 1 s, with a viewer's ticket, and closes when the container stops", async () => {
    const id = runContainer("sleep 300");
    await waitForContainer(fleet.master, nodeId, id);
    const viewer = await viewerClient(fleet.master);
    const { ticket } = (await viewer.call("POST", "/ws/tickets", {})).body as { ticket: string };
    const f = await follow(`${wsBase}/api/v1/nodes/${nodeId}/containers/${id}/logs/ws?tail=0&ticket=${encodeURIComponent(ticket)}`);
    const sdk = sdkFollow(id);
    await new Promise((r) => setTimeout(r, 300));
    const marker = `marker-${Date.now()}`;
    const t0 = Date.now();
    docker("exec", id, "sh", "-c", `echo ${marker} > /proc/1/fd/1`);
    while (!f.lines.some((l) => l.text === marker) && Date.now() - t0 < 3_000) await new Promise((r) => setTimeout(r, 10));
    const took = Date.now() - t0;
    assert.ok(
      f.lines.some((l) => l.text === marker && l.stream === "stdout"),
      "the line arrived",
    );
    assert.ok(took < 1_000, `line delivered after ${took} ms`);
    const waited = Date.now();
    while (!sdk.lines.some((l) => l.text === marker) && Date.now() - waited < 3_000) await new Promise((r) => setTimeout(r, 10));
    assert.ok(
      sdk.lines.some((l) => l.text === marker),
      "the SDK's follow got the line too",
    );
    docker("kill", id);
    const c = await f.closed;
    assert.equal(c.code, 1000);
    assert.equal(c.reason, "container stopped");
    assert.equal(await sdk.ended, "ended", "the SDK's follow ends without an error when the container stops");
  });

  it("follow refuses unauthenticated upgrades (401) and unknown containers (404)", async () => {
    await assert.rejects(follow(`${wsBase}/api/v1/nodes/${nodeId}/containers/abc/logs/ws`), /401/);
    await assert.rejects(
      follow(`${wsBase}/api/v1/nodes/${nodeId}/containers/missing0000/logs/ws`, { authorization: `Bearer ${fleet.master.api.token}` }),
      /404/,
    );
  });

  it("follow cancels the command when the client leaves", async () => {
    const id = runContainer("while true; do echo tick; sleep 0.1; done");
    await waitForContainer(fleet.master, nodeId, id);
    const f = await follow(`${wsBase}/api/v1/nodes/${nodeId}/containers/${id}/logs/ws?tail=1`, { authorization: `Bearer ${fleet.master.api.token}` });
    while (f.lines.length < 3) await new Promise((r) => setTimeout(r, 20));
    f.ws.close();
    await f.closed;
    const deadline = Date.now() + 5_000;
    let rec: { status: string; params: { follow: boolean } } | undefined;
    while (Date.now() < deadline) {
      rec = (await fleet.master.api.get(`/commands?node_id=${nodeId}&kind=container_logs&limit=1`)).items[0];
      if (rec?.status === "canceled") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(rec?.status, "canceled");
    assert.equal(rec?.params.follow, true);
  });

  // Last: it takes the worker away.
  it("follow closes with 1013 'interrupted' when the node's session ends, so the client reopens it", async () => {
    const id = runContainer("while true; do echo tick; sleep 0.1; done");
    await waitForContainer(fleet.master, nodeId, id);
    const f = await follow(`${wsBase}/api/v1/nodes/${nodeId}/containers/${id}/logs/ws?tail=1`, { authorization: `Bearer ${fleet.master.api.token}` });
    while (f.lines.length < 3) await new Promise((r) => setTimeout(r, 20));
    const sdk = sdkFollow(id);
    await sdk.started;
    assert.ok(sdk.lines.length > 0, "the SDK's follow got live lines");
    const cut = Date.now();
    await worker.kill("SIGKILL");
    const c = await f.closed;
    const thrown = await sdk.ended;
    assert.ok(thrown instanceof LogFollowClosedError, `the SDK's follow throws LogFollowClosedError, got ${String(thrown)}`);
    assert.equal(thrown.code, 1013);
    assert.equal(thrown.retryable, true, "the SDK tells the caller to reopen");
    assert.match(thrown.reason, /^interrupted: /);
    assert.equal(c.code, 1013);
    assert.equal(c.reason, "interrupted: the node's session ended; reopen the follow");
    assert.ok(Date.now() - cut < 2_000, `closed ${Date.now() - cut} ms after the worker died`);
    const rec = (await fleet.master.api.get(`/commands?node_id=${nodeId}&kind=container_logs&limit=1`)).items[0];
    assert.equal(rec.status, "failed");
    assert.equal(rec.error_code, "unavailable");
  });
});
