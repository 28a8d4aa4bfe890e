import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import WebSocket from "ws";
import { openFeed, type Feed } from "../helpers/feed.js";
import { startMaster, startWorker, waitFor, type MasterProc, type Proc } from "../helpers/processes.js";

type NodeView = { id: string; name: string; status: string; labels: Record<string, string>; hostname: string };

async function nodes(m: MasterProc): Promise<NodeView[]> {
  return (await m.api.get<{ items: NodeView[] }>("/nodes?limit=500")).items;
}

describe("fleet end to end (real master and worker processes)", function () {
  let master: MasterProc;
  let feed: Feed;
  const workers: Proc[] = [];

  before(async () => {
    master = await startMaster();
    feed = await openFeed(master.http, master.api.token);
  });
  after(async () => {
    feed?.close();
    await Promise.all(workers.map((w) => w.kill("SIGKILL")));
    await master?.cleanup();
  });

  it("enrolls 3 workers with one 3-use token: online within seconds with the token's labels, on the feed and in /metrics", async () => {
    const tok = await master.api.post<{ token: string; join_command: string }>("/enrollment-tokens", {
      name: "e2e",
      max_uses: 3,
      labels: { env: "test", team: "core" },
    });
    assert.ok(tok.join_command.includes(`FLOTILLA_JOIN_TOKEN='${tok.token}'`));
    const t0 = Date.now();
    for (let i = 0; i < 3; i++) workers.push(startWorker(master, { token: tok.token }));
    const online = await waitFor(
      async () => {
        const list = await nodes(master);
        return list.length === 3 && list.every((n) => n.status === "online") ? list : null;
      },
      15_000,
      "3 online nodes",
    );
    // 5 s on a quiet machine; the bound leaves room for a loaded CI host.
    assert.ok(Date.now() - t0 < 15_000);
    for (const n of online) assert.deepEqual({ env: n.labels.env, team: n.labels.team }, { env: "test", team: "core" });
    for (const n of online) {
      await feed.waitFor((e) => e.type === "node.enrolled" && e.node_id === n.id, 5_000, `node.enrolled for ${n.id}`);
      await feed.waitFor((e) => e.type === "node.online" && e.node_id === n.id, 5_000, `node.online for ${n.id}`);
    }
    const text = await (await fetch(`${master.http}/metrics`)).text();
    assert.match(text, /^flotilla_nodes\{status="online"\} 3$/m);
    // Real workers beat on their session stream, not with Heartbeat calls.
    assert.ok(Number(/^flotilla_heartbeats_total (\d+)$/m.exec(text)?.[1]) >= 3, "heartbeats counted");
    assert.match(text, /^grpc_server_handled_total\{[^}]*grpc_method="Enroll"[^}]*\} 3$/m);
    assert.doesNotMatch(text, /^grpc_server_handled_total\{[^}]*grpc_method="Heartbeat"/m);
    const file = join(master.dataDir, "metrics.txt");
    writeFileSync(
      file,
      text
        .split("\n")
        .filter((l) => /^(# (HELP|TYPE) )?flotilla_/.test(l))
        .join("\n") + "\n",
    );
    const r = spawnSync("promtool", ["check", "metrics"], {
      input:
        text
          .split("\n")
          .filter((l) => /^(# (HELP|TYPE) )?flotilla_/.test(l))
          .join("\n") + "\n",
      encoding: "utf8",
    });
    assert.equal(r.error, undefined, "promtool must be installed");
    assert.equal(r.status, 0, `promtool found problems in flotilla_* series:\n${r.stdout}${r.stderr}`);
  });

  it("marks a SIGTERM-stopped worker offline within 2 s and a SIGKILLed one within 30 s, each with node.offline", async function () {
    this.timeout(60_000);
    const before = await nodes(master);
    const [a, b] = [workers[0]!, workers[1]!];
    const nodeOf = async (w: Proc) => {
      const rec = await w.waitForLog((r) => typeof r.node_id === "string", 15_000);
      return rec.node_id as string;
    };
    const idA = await nodeOf(a);
    const idB = await nodeOf(b);
    assert.ok(before.some((n) => n.id === idA) && before.some((n) => n.id === idB));

    let t = Date.now();
    const code = await a.kill("SIGTERM");
    assert.equal(code, 0, "worker exits 0 on SIGTERM");
    await feed.waitFor((e) => e.type === "node.offline" && e.node_id === idA, 2_000, "node.offline after SIGTERM");
    assert.ok(Date.now() - t <= 2_000, `offline after ${Date.now() - t} ms`);

    t = Date.now();
    await b.kill("SIGKILL");
    await feed.waitFor((e) => e.type === "node.offline" && e.node_id === idB, 30_000, "node.offline after SIGKILL");
    const took = Date.now() - t;
    assert.ok(took <= 30_000, `offline after ${took} ms`);
    const list = await nodes(master);
    assert.equal(list.find((n) => n.id === idA)?.status, "offline");
    assert.equal(list.find((n) => n.id === idB)?.status, "offline");
  });

  it("brings surviving workers back as the same nodes after a master restart, without re-enrollment", async function () {
    this.timeout(60_000);
    const survivor = workers[2]!;
    const id = (await survivor.waitForLog((r) => typeof r.node_id === "string")).node_id as string;
    const before = await nodes(master);
    const enrolledBefore = (await master.api.get<{ items: unknown[] }>("/enrollment-attempts?limit=500")).items.length;
    feed.close();
    master = await master.restart();
    feed = await openFeed(master.http, master.api.token);
    await waitFor(async () => (await nodes(master)).find((n) => n.id === id && n.status === "online"), 20_000, "survivor online again");
    const after = await nodes(master);
    assert.equal(after.length, before.length, "no duplicate nodes");
    const enrolledAfter = (await master.api.get<{ items: unknown[] }>("/enrollment-attempts?limit=500")).items.length;
    assert.equal(enrolledAfter, enrolledBefore, "no new enrollment attempt");
  });

  it("cuts off a deleted node's worker, which cannot come back", async function () {
    this.timeout(30_000);
    const w = workers[2]!;
    const id = (await w.waitForLog((r) => typeof r.node_id === "string")).node_id as string;
    const del = await master.api.call("DELETE", `/nodes/${id}`);
    assert.ok(del.status === 200 || del.status === 204, `delete answered ${del.status}`);
    await feed.waitFor((e) => e.type === "node.deleted" && e.node_id === id, 2_000, "node.deleted");
    await w.waitForLog((r) => /revoked|deleted|unauthenticated/i.test(String(r.msg ?? "")), 5_000);
    await new Promise((r) => setTimeout(r, 3_000));
    const list = await nodes(master);
    assert.equal(
      list.find((n) => n.id === id),
      undefined,
      "deleted node does not reappear",
    );
  });

  it("answers 404 to a WebSocket upgrade on a path no endpoint serves", async () => {
    const status = await new Promise<number>((ok, fail) => {
      const ws = new WebSocket(`${master.http.replace(/^http/, "ws")}/api/v1/no-such-socket`, {
        headers: { authorization: `Bearer ${master.api.token}` },
      });
      ws.once("unexpected-response", (_req, res) => ok(res.statusCode ?? 0));
      ws.once("open", () => fail(new Error("upgrade accepted")));
      ws.once("error", () => undefined);
      setTimeout(() => fail(new Error("no answer within 3 s")), 3_000);
    });
    assert.equal(status, 404);
  });

  it("refuses to connect when the token's CA hash does not match the master", async () => {
    const tok = await master.api.post<{ token: string }>("/enrollment-tokens", { name: "wrong-ca" });
    const parts = tok.token.split(".");
    parts[3] = "0".repeat(64);
    const w = startWorker(master, { token: parts.join(".") });
    workers.push(w);
    const code = await Promise.race([w.exited, new Promise<string>((r) => setTimeout(() => r("still running"), 15_000))]);
    assert.notEqual(code, 0);
    assert.notEqual(code, "still running");
    assert.ok(
      w.lines.some((l) => /CA hash/i.test(l)),
      `clear message expected, got:\n${w.lines.slice(-5).join("\n")}`,
    );
    const attempts = (await master.api.get<{ items: { token_id: string | null }[] }>("/enrollment-attempts?limit=500")).items;
    assert.ok(!attempts.some((a) => a.token_id === parts[1]), "the worker never sent the token to the unverified master");
  });
});
