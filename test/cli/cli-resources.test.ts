import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startMaster, startWorker, waitFor, type MasterProc, type Proc } from "../helpers/processes.js";
import { runCli } from "./harness.js";

type Finding = { fingerprint: string; resource: string; scanner: string; triage_status: string };

describe("flotilla CLI: containers, findings, tokens, login and nodes rm against a real master and worker", function () {
  this.timeout(240_000);
  let m: MasterProc;
  let w: Proc;
  let env: NodeJS.ProcessEnv;
  let nodeId = "";
  let cid = "";
  const name = `flotilla-cli-res-${process.pid}`;
  const dirs: string[] = [];
  before(async () => {
    m = await startMaster();
    const key = await m.api.post<{ key: string }>("/api-keys", { name: "cli" });
    env = { FLOTILLA_URL: m.http, FLOTILLA_API_KEY: key.key };
    const tok = await m.api.post<{ token: string }>("/enrollment-tokens", { name: "cli-res" });
    w = startWorker(m, { token: tok.token });
    nodeId = await waitFor(
      async () => (await m.api.get<{ items: { id: string; status: string }[] }>("/nodes")).items.find((n) => n.status === "online")?.id,
      60_000,
      "worker online",
      200,
    );
    const run = spawnSync("docker", ["run", "-d", "--name", name, "local/busybox:1", "sleep", "600"], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    cid = await waitFor(
      async () =>
        (await m.api.get<{ items: { id: string; name: string }[] }>(`/nodes/${nodeId}/containers`)).items.find(
          (x) => x.name.replace(/^\//, "") === name,
        )?.id,
      60_000,
      "container in the inventory",
      200,
    );
  });
  after(async () => {
    spawnSync("docker", ["rm", "-f", name]);
    await w?.kill();
    await m?.cleanup();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("containers ls shows the container; restart goes to the worker and Docker restarts it", async () => {
    const ls = await runCli(["containers", "ls", "--node", nodeId], env);
    assert.equal(ls.code, 0, ls.stderr);
    assert.match(ls.stdout, /^NODE_ID\s+ID\s+NAME\s+IMAGE\s+STATE/);
    assert.match(ls.stdout, new RegExp(`${nodeId}\\s+${cid}\\s+/?${name}\\s+local/busybox:1\\s+running`));
    const before = spawnSync("docker", ["inspect", "-f", "{{.State.StartedAt}}", name], { encoding: "utf8" }).stdout.trim();
    const r = await runCli(["--json", "containers", "restart", nodeId, cid], env, 90_000);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.equal(JSON.parse(r.stdout).status, "succeeded", r.stdout);
    const after = spawnSync("docker", ["inspect", "-f", "{{.State.StartedAt}}", name], { encoding: "utf8" }).stdout.trim();
    assert.notEqual(after, before, "Docker restarted the container");
    const bad = await runCli(["containers", "stop", nodeId, "no-such-container"], env, 90_000);
    assert.notEqual(bad.code, 0, bad.stdout);
  });

  it("findings ls after a docker-security scan, and findings triage changes the status", async () => {
    const scan = await runCli(["scans", "run", "--node", nodeId, "--scanner", "docker-security", "--wait"], env, 120_000);
    assert.equal(scan.code, 0, scan.stderr + scan.stdout);
    const j = await runCli(["--json", "findings", "ls", "--node", nodeId], env);
    assert.equal(j.code, 0, j.stderr);
    const ours = (JSON.parse(j.stdout) as Finding[]).filter((f) => f.scanner === "docker-security" && f.resource.includes(name));
    assert.ok(ours.length > 0, `findings for ${name}: ${j.stdout.slice(0, 500)}`);
    const table = await runCli(["findings", "ls", "--node", nodeId], env);
    assert.match(table.stdout, /^FINGERPRINT\s+SEVERITY\s+SCANNER\s+TITLE\s+NODE_ID\s+STATUS/);
    assert.ok(table.stdout.includes(ours[0]!.fingerprint));
    const t = await runCli(["findings", "triage", ours[0]!.fingerprint, "accepted_risk", "--note", "lab box", "-o", "triage_status"], env);
    assert.equal(t.code, 0, t.stderr);
    assert.equal(t.stdout, "accepted_risk\n");
    const got = await m.api.get<{ triage_status: string; note?: string }>(`/findings/${ours[0]!.fingerprint}`);
    assert.equal(got.triage_status, "accepted_risk");
    assert.equal((await runCli(["findings", "triage", ours[0]!.fingerprint, "nonsense"], env)).code, 2, "an invalid status is a usage error");
  });

  it("login writes a 0600 config file that later commands use without flags or env", async () => {
    const home = mkdtempSync(join(tmpdir(), "flotilla-login-"));
    dirs.push(home);
    const cfg = join(home, "config.json");
    const l = await runCli(["login", "--url", m.http, "--api-key", env.FLOTILLA_API_KEY!], { FLOTILLA_CONFIG: cfg });
    assert.equal(l.code, 0, l.stderr);
    assert.match(l.stdout, /^logged in to http:\/\/127\.0\.0\.1:\d+ as admin \(admin\); saved /);
    assert.equal(statSync(cfg).mode & 0o777, 0o600);
    assert.equal(JSON.parse(readFileSync(cfg, "utf8")).url, m.http);
    const t = await runCli(["tokens", "ls", "-o", "name"], { FLOTILLA_CONFIG: cfg });
    assert.equal(t.code, 0, t.stderr);
    assert.ok(t.stdout.split("\n").includes("cli-res"), t.stdout);
    const bad = await runCli(["login", "--url", m.http, "--api-key", "flt_wrong"], { FLOTILLA_CONFIG: join(home, "other.json") });
    assert.equal(bad.code, 3);
    assert.throws(() => statSync(join(home, "other.json")), "a refused login saves nothing");
  });

  it("nodes rm deletes the node and the worker stops with exit 3", async () => {
    const r = await runCli(["nodes", "rm", nodeId], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `deleted node ${nodeId}\n`);
    assert.equal((await runCli(["nodes", "get", nodeId], env)).code, 4);
    assert.equal(await Promise.race([w.exited, new Promise((ok) => setTimeout(() => ok("running"), 30_000))]), 3);
  });
});
