import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { startMaster, startWorker, type MasterProc, type Proc } from "../helpers/processes.js";
import { CLI_MAIN, runCli } from "./harness.js";

describe("flotilla CLI against a real master and worker", function () {
  this.timeout(180_000);
  let m: MasterProc;
  let w: Proc;
  let env: NodeJS.ProcessEnv;
  let nodeId: string;
  before(async () => {
    m = await startMaster();
    const key = await m.api.post<{ key: string }>("/api-keys", { name: "cli" });
    env = { FLOTILLA_URL: m.http, FLOTILLA_API_KEY: key.key };
    const tok = await m.api.post<{ token: string }>("/enrollment-tokens", { name: "cli", labels: { env: "test" } });
    w = startWorker(m, { token: tok.token });
    for (let i = 0; i < 100 && !nodeId; i++) {
      const nodes = await m.api.get<{ items: { id: string; status: string }[] }>("/nodes");
      nodeId = nodes.items.find((n) => n.status === "online")?.id ?? "";
      if (!nodeId) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(nodeId, "worker online");
  });
  after(async () => {
    await w?.kill();
    await m?.cleanup();
  });

  it("nodes ls: a table by default, JSON with --json, fields with -o", async () => {
    const t = await runCli(["nodes", "ls"], env);
    assert.equal(t.code, 0, t.stderr);
    const [head, row] = t.stdout.trim().split("\n");
    assert.match(head!, /^ID\s+HOSTNAME\s+STATUS\s+LABELS\s+LAST_SEEN_AT$/);
    assert.match(row!, new RegExp(`^${nodeId}\\s+\\S+\\s+online\\s+\\{"env":"test"\\}`));
    const j = await runCli(["--json", "nodes", "ls"], env);
    const list = JSON.parse(j.stdout) as { id: string; status: string }[];
    assert.deepEqual(
      list.map((n) => [n.id, n.status]),
      [[nodeId, "online"]],
    );
    const o = await runCli(["nodes", "ls", "-o", "id,labels.env"], env);
    assert.equal(o.stdout, `${nodeId}\ttest\n`);
  });

  it("exit codes: 4 not found, 3 bad key, 2 usage, 0 --version", async () => {
    const nf = await runCli(["nodes", "get", "no-such-node"], env);
    assert.equal(nf.code, 4);
    assert.match(nf.stderr, /^flotilla: .*\(not_found, HTTP 404\)\n$/);
    assert.equal((await runCli(["nodes", "ls"], { ...env, FLOTILLA_API_KEY: "flt_wrong" })).code, 3);
    assert.equal((await runCli(["nodes", "frobnicate"], env)).code, 2);
    assert.equal((await runCli(["--bogus"], env)).code, 2);
    const v = await runCli(["--version"], env);
    assert.equal(v.code, 0);
    assert.equal(v.stdout, "0.1.0\n");
  });

  it("nodes label, tokens create, fleet status, audit ls", async () => {
    const l = await runCli(["--json", "nodes", "label", nodeId, "rack=r1", "env-"], env);
    assert.equal(l.code, 0, l.stderr);
    assert.deepEqual(JSON.parse(l.stdout).labels, { rack: "r1" });
    const t = await runCli(["tokens", "create", "--name", "cli-made", "--max-uses", "2"], env);
    assert.equal(t.code, 0, t.stderr);
    assert.match(t.stdout, /^curl -fsSL '.+\/install\.sh' \| FLOTILLA_JOIN_TOKEN='flt1\.[^']+'.* sh\n$/);
    const f = await runCli(["--json", "fleet", "status"], env);
    assert.equal(f.code, 0, f.stderr);
    assert.equal(typeof JSON.parse(f.stdout), "object");
    const a = await runCli(["audit", "ls", "-o", "action"], env);
    assert.equal(a.code, 0, a.stderr);
    for (const action of ["nodes.update", "enrollment-tokens.create"])
      assert.ok(
        a.stdout.split("\n").some((x) => x.startsWith(action.split(".")[0]!) && x.includes(action.split(".")[1]!)),
        `${action} in audit:\n${a.stdout}`,
      );
  });

  it("scans run --wait shows progress and ends with the scan's outcome", async () => {
    const r = await runCli(["scans", "run", "--node", nodeId, "--scanner", "host-census", "--wait"], env, 120_000);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stderr, /scan \S+ \[[#.]{20}\]\s+\d+% (queued|running|waiting|completed)/);
    assert.match(r.stdout, /completed/);
    const bad = await runCli(["scans", "run", "--scanner", "no-such-scanner", "--wait"], env);
    assert.equal(bad.code, 2, "an invalid scan request is a usage error");
  });

  it("scans run --wait exits 5 when the scan fails (its only target is offline past the deadline)", async () => {
    const tok = await m.api.post<{ token: string }>("/enrollment-tokens", { name: "gone", labels: { role: "gone" } });
    const gone = startWorker(m, { token: tok.token });
    let goneId = "";
    for (let i = 0; i < 100 && !goneId; i++) {
      const nodes = await m.api.get<{ items: { id: string; status: string; labels: Record<string, string> }[] }>("/nodes");
      goneId = nodes.items.find((n) => n.labels.role === "gone" && n.status === "online")?.id ?? "";
      if (!goneId) await new Promise((r) => setTimeout(r, 200));
    }
    await gone.kill("SIGTERM");
    const r = await runCli(["scans", "run", "--node", goneId, "--scanner", "host-census", "--deadline", "1", "--wait"], env, 120_000);
    assert.equal(r.code, 5, r.stderr + r.stdout);
    assert.match(r.stderr, /flotilla: scan \S+ failed/);
  });

  it("containers logs -f prints new lines and ends on Ctrl-C with exit 0", async () => {
    const name = `flotilla-cli-logs-${process.pid}`;
    const run = spawnSync("docker", ["run", "-d", "--name", name, "local/busybox:1", "sh", "-c", "while true; do echo tick; sleep 0.2; done"], {
      encoding: "utf8",
    });
    assert.equal(run.status, 0, run.stderr);
    try {
      let cid = "";
      for (let i = 0; i < 150 && !cid; i++) {
        const list = await m.api.get<{ items: { id: string; name: string }[] }>(`/nodes/${nodeId}/containers`);
        cid = list.items.find((x) => x.name === name || x.name === `/${name}`)?.id ?? "";
        if (!cid) await new Promise((r) => setTimeout(r, 200));
      }
      assert.ok(cid, "the container reached the master's inventory");
      const child = spawn(process.execPath, [CLI_MAIN, "containers", "logs", "-f", nodeId, cid], {
        env: { PATH: process.env.PATH!, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (c) => (out += c));
      const exited = new Promise<number | null>((ok) => child.once("exit", (c) => ok(c)));
      const start = out.length;
      for (let i = 0; i < 100 && out.split("tick").length < 4; i++) await new Promise((r) => setTimeout(r, 200));
      assert.ok(out.slice(start).split("tick").length >= 4, `live lines: ${out}`);
      child.kill("SIGINT");
      const t0 = Date.now();
      assert.equal(await exited, 0);
      assert.ok(Date.now() - t0 < 3_000);
    } finally {
      spawnSync("docker", ["rm", "-f", name]);
    }
  });

  it("events tail --since replays, follows, and ends on Ctrl-C with exit 0", async () => {
    const child = spawn(process.execPath, [CLI_MAIN, "--json", "events", "tail", "--since", "0"], {
      env: { PATH: process.env.PATH!, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    const exited = new Promise<number | null>((ok) => child.once("exit", (c) => ok(c)));
    for (let i = 0; i < 50 && !out.includes('"node.enrolled"'); i++) await new Promise((r) => setTimeout(r, 200));
    assert.match(out, /"type":"node\.enrolled"/, "replayed from the store");
    child.kill("SIGINT");
    const t0 = Date.now();
    assert.equal(await exited, 0);
    assert.ok(Date.now() - t0 < 3_000);
  });

  it("completion prints a bash completion for the command tree", async () => {
    const c = await runCli(["completion", "bash"], env);
    assert.equal(c.code, 0);
    assert.match(c.stdout, /complete -F _flotilla flotilla/);
    assert.match(c.stdout, /nodes\) words="ls get label rm"/);
  });
});
