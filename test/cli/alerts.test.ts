import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { startMaster, startWorker, waitFor, type MasterProc } from "../helpers/processes.js";
import { CLI_MAIN, runCli } from "./harness.js";

describe("flotilla alerts and webhooks against a real master and worker", function () {
  this.timeout(180_000);
  let m: MasterProc;
  let env: NodeJS.ProcessEnv;
  let alertId = "";
  before(async () => {
    m = await startMaster({ args: ["--webhook-allowed-hosts", "127.0.0.1"] });
    const key = await m.api.post<{ key: string }>("/api-keys", { name: "cli" });
    env = { FLOTILLA_URL: m.http, FLOTILLA_API_KEY: key.key };
    await m.api.post("/alert-rules", { name: "node down", kind: "node_offline", severity: "high", for_seconds: 0 });
    const tok = await m.api.post<{ token: string }>("/enrollment-tokens", { name: "alerts" });
    const w = startWorker(m, { token: tok.token });
    await waitFor(
      async () => (await m.api.get<{ items: { status: string }[] }>("/nodes")).items.some((n) => n.status === "online"),
      60_000,
      "worker online",
      200,
    );
    await w.kill("SIGTERM");
    alertId = await waitFor(
      async () => (await m.api.get<{ items: { id: string; state: string }[] }>("/alerts")).items.find((a) => a.state === "firing")?.id,
      60_000,
      "node_offline alert firing",
      250,
    );
  });
  after(async () => {
    await m?.cleanup();
  });

  it("alerts ls: a table, --json and a state filter", async () => {
    const t = await runCli(["alerts", "ls"], env);
    assert.equal(t.code, 0, t.stderr);
    const [head, row] = t.stdout.trim().split("\n");
    assert.match(head!, /^ID\s+STATE\s+SEVERITY\s+SUMMARY\s+NODE_ID\s+FIRED_AT$/);
    assert.match(row!, new RegExp(`^${alertId}\\s+firing\\s+high\\s`));
    const j = await runCli(["--json", "alerts", "ls", "--state", "firing"], env);
    assert.deepEqual(
      (JSON.parse(j.stdout) as { id: string }[]).map((a) => a.id),
      [alertId],
    );
    const none = await runCli(["--json", "alerts", "ls", "--state", "resolved"], env);
    assert.deepEqual(JSON.parse(none.stdout), []);
  });

  it("alerts ack acknowledges once; again is exit 5 (conflict), an unknown id exit 4", async () => {
    const a = await runCli(["--json", "alerts", "ack", alertId], env);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(JSON.parse(a.stdout).state, "acknowledged");
    assert.equal((await m.api.get<{ items: { id: string; state: string }[] }>("/alerts")).items.find((x) => x.id === alertId)?.state, "acknowledged");
    const again = await runCli(["alerts", "ack", alertId], env);
    assert.equal(again.code, 5, again.stderr);
    assert.match(again.stderr, /conflict/);
    assert.equal((await runCli(["alerts", "ack", "alt_nope"], env)).code, 4);
    const r = await runCli(["alerts", "resolve", alertId, "-o", "state"], env);
    assert.equal(r.stdout, "resolved\n");
  });

  it("webhooks ls lists endpoints without their secrets; a viewer key gets exit 3", async () => {
    await m.api.post("/webhooks", { name: "ci hook", url: "http://127.0.0.1:9/hook", event_types: ["scan.completed"] });
    const t = await runCli(["webhooks", "ls"], env);
    assert.equal(t.code, 0, t.stderr);
    assert.match(t.stdout, /ci hook\s+http:\/\/127\.0\.0\.1:9\/hook\s+true\s+\["scan\.completed"\]/);
    assert.doesNotMatch(t.stdout, /whsec_/);
    const viewer = await m.api.post<{ key: string }>("/api-keys", { name: "v", role: "viewer" });
    assert.equal((await runCli(["webhooks", "ls"], { ...env, FLOTILLA_API_KEY: viewer.key })).code, 3);
  });

  it("the bash completion completes commands and subcommands in a real bash", function () {
    const script = spawnSync(process.execPath, [CLI_MAIN, "completion", "bash"], { encoding: "utf8" }).stdout;
    const complete = (words: string[]) => {
      const r = spawnSync(
        "bash",
        [
          "-c",
          `${script}\nCOMP_WORDS=(${words.map((x) => `'${x}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _flotilla; printf '%s\\n' "\${COMPREPLY[@]}"`,
        ],
        { encoding: "utf8" },
      );
      assert.equal(r.status, 0, r.stderr);
      return r.stdout.trim().split("\n");
    };
    assert.deepEqual(complete(["flotilla", "al"]), ["alerts"]);
    assert.deepEqual(
      complete(["flotilla", "alerts", ""])
        .filter((w) => !w.startsWith("-"))
        .sort(),
      ["ack", "ls", "resolve"],
    );
    assert.ok(complete(["flotilla", "n"]).includes("nodes"));
    assert.deepEqual(complete(["flotilla", "webhooks", "l"]), ["ls"]);
  });
});
