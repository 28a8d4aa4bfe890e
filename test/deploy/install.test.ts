import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startMaster, type MasterProc } from "../helpers/processes.js";
import { asHost, EXE, stopGroup } from "./host.js";

describe("install: the join command installs and enrolls a worker on a fresh host", function () {
  this.timeout(120_000);
  let m: MasterProc;
  const roots: string[] = [];
  const newRoot = () => {
    const r = mkdtempSync(join(tmpdir(), "flotilla-root-"));
    roots.push(r);
    return r;
  };
  before(async () => {
    m = await startMaster();
  });
  after(async () => {
    await m?.cleanup();
    for (const r of roots) rmSync(r, { recursive: true, force: true });
  });

  it("runs join_command verbatim: CA pin and SHA-256 verified, files in place, the worker comes online", async () => {
    const tok = await m.api.post<{ token: string; join_command: string }>("/enrollment-tokens", { name: "install", labels: { via: "install" } });
    const artifact = readFileSync(new URL("../../master/dist/downloads/flotilla-worker.mjs", import.meta.url));
    const sha = createHash("sha256").update(artifact).digest("hex");
    const exeSha = existsSync(EXE) ? ` FLOTILLA_WORKER_EXE_SHA256=${readFileSync(`${EXE}.sha256`, "utf8").split(" ")[0]}` : "";
    assert.equal(
      tok.join_command,
      `curl -fsSL '${m.http}/install.sh' | FLOTILLA_JOIN_TOKEN='${tok.token}' FLOTILLA_WORKER_SHA256=${sha}${exeSha} sh`,
    );

    const secret = tok.token.split(".")[2]!;
    // In each command of the pipeline the token is only in a variable assignment before the
    // command name, which the shell puts into the environment: it is no process's argument.
    for (const stage of tok.join_command.split(" | ")) {
      const words = stage.split(" ");
      const name = words.findIndex((w) => !/^[A-Z_][A-Z0-9_]*=/.test(w));
      assert.ok(
        words.slice(name).every((w) => !w.includes(secret)),
        `the token is an argument in: ${stage}`,
      );
    }
    const root = newRoot();
    const host = asHost(tok.join_command, root, { FLOTILLA_FOREGROUND: "1" });
    try {
      const deadline = Date.now() + 60_000;
      let node: { id: string; status: string; labels: Record<string, string> } | undefined;
      while (Date.now() < deadline) {
        const page = await m.api.get<{ items: (typeof node)[] }>("/nodes");
        node = page.items.find((n) => n?.labels.via === "install");
        if (node?.status === "online") break;
        if (host.child.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 300));
      }
      const out = host.output();
      assert.equal(node?.status, "online", `worker did not come online:\n${out}`);
      const caSha = createHash("sha256")
        .update(new (await import("node:crypto")).X509Certificate(readFileSync(join(m.dataDir, "tls/ca.crt"))).raw)
        .digest("hex");
      assert.match(out, new RegExp(`verified CA pin: the master's CA certificate matches the join token \\(sha256 ${caSha}\\)`));
      assert.match(out, new RegExp(`verified SHA-256 of flotilla-worker.mjs: ${sha}`));

      // Every path under FLOTILLA_INSTALL_ROOT; the token only in a 0600 file the worker reads.
      const installed = readFileSync(join(root, "opt/flotilla-worker/flotilla-worker.mjs"));
      assert.equal(createHash("sha256").update(installed).digest("hex"), sha);
      const envFile = join(root, "etc/flotilla/worker.env");
      const tokenFile = join(root, "etc/flotilla/join-token");
      assert.equal(statSync(envFile).mode & 0o777, 0o600);
      assert.equal(statSync(tokenFile).mode & 0o777, 0o600);
      assert.equal(readFileSync(tokenFile, "utf8"), `${tok.token}\n`);
      assert.match(readFileSync(envFile, "utf8"), new RegExp(`^FLOTILLA_JOIN_TOKEN_FILE=${tokenFile}$`, "m"));
      assert.ok(!readFileSync(envFile, "utf8").includes(secret), "worker.env does not hold the token");
      const unit = readFileSync(join(root, "etc/systemd/system/flotilla-worker.service"), "utf8");
      assert.match(unit, new RegExp(`EnvironmentFile=${root}/etc/flotilla/worker.env`));
      assert.match(
        unit,
        new RegExp(`ExecStart=\\S*node ${root}/opt/flotilla-worker/flotilla-worker.mjs --state-dir ${root}/var/lib/flotilla-worker`),
      );
      assert.match(unit, /RestartPreventExitStatus=3/);
      assert.ok(statSync(join(root, "var/lib/flotilla-worker")).isDirectory());

      // The worker's command line (ps) does not carry the token. (The `sh -c`
      // of this test does: a pasted command is in no process's arguments.)
      const ps = spawnSync("ps", ["-o", "pid=,args=", "-g", String(host.child.pid)], { encoding: "utf8" }).stdout.split("\n");
      const worker = ps.filter((l) => l.includes(`${root}/opt/flotilla-worker/flotilla-worker.mjs`));
      assert.equal(worker.length, 1, `the worker runs from the installed file: ${ps.join("\n")}`);
      assert.ok(!worker[0]!.includes(secret), "the token secret is not in the worker's arguments");
      // Nor in its environment: it read the token from the file.
      const pid = worker[0]!.trim().split(/\s+/)[0]!;
      const environ = readFileSync(`/proc/${pid}/environ`, "utf8");
      assert.ok(environ.includes(`FLOTILLA_JOIN_TOKEN_FILE=${tokenFile}`), "the worker was given the token file");
      assert.ok(!environ.includes(secret), "the token secret is not in the worker's environment");
    } finally {
      stopGroup(host.child);
      await host.exited;
      host.cleanup();
    }
  });

  it("shown again later, join_command is valid shell that asks for the token instead of running", async () => {
    const tok = await m.api.post<{ id: string }>("/enrollment-tokens", { name: "again" });
    const again = await m.api.get<{ join_command: string }>(`/enrollment-tokens/${tok.id}`);
    assert.equal(spawnSync("sh", ["-n", "-c", again.join_command]).status, 0, "parses as shell");
    const root = newRoot();
    const host = asHost(again.join_command, root);
    const code = await host.exited;
    host.cleanup();
    assert.notEqual(code, 0);
    assert.match(host.output(), /FLOTILLA_JOIN_TOKEN: set FLOTILLA_JOIN_TOKEN to the token shown once at creation/);
  });

  it("refuses an artifact whose SHA-256 differs from the join command's, and a token pinning another CA", async () => {
    const tok = await m.api.post<{ token: string; join_command: string }>("/enrollment-tokens", { name: "tamper", max_uses: 0 });
    const wrongSha = tok.join_command.replace(/FLOTILLA_WORKER_SHA256=[0-9a-f]{64}/, `FLOTILLA_WORKER_SHA256=${"0".repeat(64)}`);
    let root = newRoot();
    let host = asHost(wrongSha, root);
    assert.equal(await host.exited, 1);
    host.cleanup();
    assert.match(host.output(), /SHA-256 mismatch: the master offers [0-9a-f]{64}, the join command expects 0{64}/);
    assert.throws(() => statSync(join(root, "opt/flotilla-worker/flotilla-worker.mjs")), "nothing installed");

    const wrongPin = tok.join_command.replace(/\.[0-9a-f]{64}'/, `.${"f".repeat(64)}'`);
    root = newRoot();
    host = asHost(wrongPin, root);
    assert.equal(await host.exited, 1);
    host.cleanup();
    assert.match(host.output(), /CA pin mismatch: the master's CA has SHA-256 [0-9a-f]{64}, the join token pins f{64}/);
    assert.throws(() => statSync(join(root, "etc/flotilla/worker.env")), "nothing installed");
  });

  it("without systemd and --foreground it installs, says so, and exits 0", async () => {
    const tok = await m.api.post<{ join_command: string }>("/enrollment-tokens", { name: "nosystemd" });
    const root = newRoot();
    const host = asHost(tok.join_command, root);
    assert.equal(await host.exited, 0, host.output());
    host.cleanup();
    assert.match(host.output(), /no service started\. Run it with: \S+\/opt\/flotilla-worker\/run/);
    assert.ok(statSync(join(root, "opt/flotilla-worker/run")).mode & 0o100);
  });
});
