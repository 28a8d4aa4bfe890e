import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startMaster, waitFor, type MasterProc } from "../helpers/processes.js";
import { asHost, EXE, stopGroup } from "./host.js";

/** pathWithoutNode is a PATH of every tool of /usr/bin and /bin except Node: a host without Node.js. */
function pathWithoutNode(): string {
  const dir = mkdtempSync(join(tmpdir(), "flotilla-nonode-"));
  for (const src of ["/usr/local/bin", "/usr/bin", "/bin"]) {
    if (!existsSync(src)) continue;
    for (const name of readdirSync(src)) {
      if (/^node(js)?$|^npm|^npx|^corepack/.test(name) || existsSync(join(dir, name))) continue;
      symlinkSync(join(src, name), join(dir, name));
    }
  }
  return dir;
}

describe("single-executable worker (Node SEA)", function () {
  this.timeout(120_000);
  let m: MasterProc;
  const dirs: string[] = [];
  before(function () {
    // The build makes it wherever the Node binary carries the SEA fuse; this machine's does.
    if (!existsSync(EXE)) this.skip();
  });
  after(async () => {
    await m?.cleanup();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("runs --version and --help with no Node.js and no files around it", () => {
    const cwd = mkdtempSync(join(tmpdir(), "flotilla-sea-"));
    dirs.push(cwd);
    const v = spawnSync(EXE, ["--version"], { cwd, env: { PATH: "/nonexistent" }, encoding: "utf8" });
    assert.equal(v.status, 0, v.stderr);
    assert.equal(v.stdout, "flotilla-worker 0.1.0\n");
    assert.equal(v.stderr, "", "no SEA warning on stderr");
    const h = spawnSync(EXE, ["--help"], { cwd, env: { PATH: "/nonexistent" }, encoding: "utf8" });
    assert.equal(h.status, 0);
    assert.match(h.stdout, /--join-token/);
  });

  it("is served with its SHA-256, and the join command pins it", async () => {
    m = await startMaster();
    const name = EXE.split("/").pop()!;
    const sha = readFileSync(`${EXE}.sha256`, "utf8").split(" ")[0]!;
    const sum = await fetch(`${m.http}/api/v1/downloads/${name}.sha256`);
    assert.equal(await sum.text(), `${sha}  ${name}\n`);
    const res = await fetch(`${m.http}/api/v1/downloads/${name}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-length"), String(statSync(EXE).size));
    assert.equal(
      createHash("sha256")
        .update(Buffer.from(await res.arrayBuffer()))
        .digest("hex"),
      sha,
    );
    const other = name.endsWith("x64") ? name.replace("x64", "arm64") : name.replace("arm64", "x64");
    const missing = await fetch(`${m.http}/api/v1/downloads/${other}`);
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { code: string }).code, "not_found");
    const tok = await m.api.post<{ join_command: string }>("/enrollment-tokens", { name: "sea" });
    assert.match(tok.join_command, new RegExp(`FLOTILLA_WORKER_EXE_SHA256=${sha} sh$`));
  });

  it("on a host without Node.js, join_command installs the executable, verified, and it comes online", async () => {
    const tok = await m.api.post<{ join_command: string }>("/enrollment-tokens", { name: "sea-host", labels: { via: "sea" } });
    const bin = pathWithoutNode();
    const root = mkdtempSync(join(tmpdir(), "flotilla-root-"));
    dirs.push(bin, root);
    assert.notEqual(spawnSync("sh", ["-c", "command -v node"], { env: { PATH: bin } }).status, 0, "no node on this PATH");
    const host = asHost(tok.join_command, root, { PATH: bin, FLOTILLA_FOREGROUND: "1" });
    try {
      await waitFor(
        async () => {
          if (host.child.exitCode !== null) throw new Error(`install exited ${host.child.exitCode}:\n${host.output()}`);
          const page = await m.api.get<{ items: { status: string; labels: Record<string, string> }[] }>("/nodes");
          return page.items.some((n) => n.labels.via === "sea" && n.status === "online");
        },
        60_000,
        "the executable worker online",
        300,
      ).catch((err: Error) => assert.fail(`${err.message}\n${host.output()}`));
      const out = host.output();
      const sha = readFileSync(`${EXE}.sha256`, "utf8").split(" ")[0]!;
      assert.match(out, /no Node\.js: single executable flotilla-worker-linux-/);
      assert.match(out, /verified CA pin: the master's CA certificate matches the join token/);
      assert.match(out, new RegExp(`verified SHA-256 of flotilla-worker-linux-\\w+: ${sha}`));
      const unit = readFileSync(join(root, "etc/systemd/system/flotilla-worker.service"), "utf8");
      assert.match(unit, new RegExp(`^ExecStart=${root}/opt/flotilla-worker/flotilla-worker --state-dir ${root}/var/lib/flotilla-worker$`, "m"));
      assert.ok(statSync(join(root, "opt/flotilla-worker/flotilla-worker")).mode & 0o100, "executable");
    } finally {
      stopGroup(host.child);
      await host.exited;
      host.cleanup();
    }
  });

  it("without Node.js, a join command pinning another executable installs nothing", async () => {
    const tok = await m.api.post<{ join_command: string }>("/enrollment-tokens", { name: "sea-tamper" });
    const bin = pathWithoutNode();
    const root = mkdtempSync(join(tmpdir(), "flotilla-root-"));
    dirs.push(bin, root);
    const cmd = tok.join_command.replace(/FLOTILLA_WORKER_EXE_SHA256=[0-9a-f]{64}/, `FLOTILLA_WORKER_EXE_SHA256=${"0".repeat(64)}`);
    const host = asHost(cmd, root, { PATH: bin });
    assert.equal(await host.exited, 1);
    host.cleanup();
    assert.match(host.output(), /SHA-256 mismatch: the master offers [0-9a-f]{64}, the join command expects 0{64}/);
    assert.ok(!existsSync(join(root, "opt/flotilla-worker/flotilla-worker")));
  });
});
