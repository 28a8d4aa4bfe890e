import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WORKER_SETTINGS } from "../../worker/src/config.js";

const DEPLOY = new URL("../../deploy/", import.meta.url).pathname;
const MASTER_UNIT = join(DEPLOY, "systemd/flotilla-master.service");
const WORKER_UNIT = join(DEPLOY, "systemd/flotilla-worker.service");

const have = (bin: string) => spawnSync("sh", ["-c", `command -v ${bin}`]).status === 0;

/** directives returns every `Key=value` of a unit file's [Service] section. */
function directives(file: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let section = "";
  for (const raw of readFileSync(file, "utf8").split("\n")) {
    const line = raw.trim();
    if (line.startsWith("[")) section = line;
    else if (section === "[Service]" && line && !line.startsWith("#")) {
      const eq = line.indexOf("=");
      const k = line.slice(0, eq);
      out.set(k, [...(out.get(k) ?? []), line.slice(eq + 1)]);
    }
  }
  return out;
}

/** exposure runs `systemd-analyze security --offline` and returns the overall score. */
function exposure(unit: string): number {
  const r = spawnSync("systemd-analyze", ["security", "--offline=true", "--no-pager", unit], { encoding: "utf8" });
  const m = /Overall exposure level for \S+: ([\d.]+)/.exec(r.stdout);
  assert.ok(m, `no score in: ${r.stdout.slice(-400)}${r.stderr}`);
  return Number(m[1]);
}

describe("deploy: systemd units", function () {
  this.timeout(60_000);
  before(function () {
    if (have("systemd-analyze")) return;
    if (process.env.CI === "true") throw new Error("systemd-analyze is missing (.ci/run installs the systemd package)");
    this.skip();
  });

  it("systemd-analyze verify accepts both units", () => {
    for (const unit of [MASTER_UNIT, WORKER_UNIT]) {
      const r = spawnSync("systemd-analyze", ["verify", unit], { encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr.trim(), "", `warnings for ${unit}: ${r.stderr}`);
    }
  });

  it("systemd-analyze security rates the master under 5.0 and the worker under 5.0 too", () => {
    const master = exposure(MASTER_UNIT);
    const worker = exposure(WORKER_UNIT);
    assert.ok(master < 5, `master exposure ${master}`);
    assert.ok(worker < 5, `worker exposure ${worker}`);
  });

  it("the worker keeps what it needs: host /proc, the Docker socket, home dirs to read, its state dir", () => {
    const w = directives(WORKER_UNIT);
    assert.equal(w.get("ProtectProc"), undefined, "every process stays visible for host-census");
    assert.deepEqual(w.get("ProtectHome"), ["read-only"], "mcp-inventory reads home directories");
    assert.ok(w.get("CapabilityBoundingSet")![0]!.split(" ").includes("CAP_SYS_PTRACE"), "socket owners in /proc/<pid>/fd");
    assert.ok(w.get("RestrictAddressFamilies")![0]!.split(" ").includes("AF_UNIX"), "the Docker socket");
    for (const k of ["InaccessiblePaths", "PrivateNetwork", "User", "PrivateUsers"]) assert.equal(w.get(k), undefined, k);
    assert.deepEqual(w.get("ReadWritePaths"), ["/var/lib/flotilla-worker"]);
    assert.deepEqual(w.get("RestartPreventExitStatus"), ["3"], "a deleted node is not restarted forever");
  });

  it("the master runs as the sysusers.d user without capabilities", () => {
    const m = directives(MASTER_UNIT);
    assert.deepEqual(m.get("User"), ["flotilla"]);
    assert.deepEqual(m.get("CapabilityBoundingSet"), [""]);
    const root = mkdtempSync(join(tmpdir(), "flotilla-sysusers-"));
    try {
      mkdirSync(join(root, "etc"));
      if (!have("systemd-sysusers")) throw new Error("systemd-sysusers is missing");
      const r = spawnSync("systemd-sysusers", [`--root=${root}`, join(DEPLOY, "systemd/flotilla.sysusers.conf")], { encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
      const passwd = readFileSync(join(root, "etc/passwd"), "utf8");
      assert.match(passwd, /^flotilla:x:\d+:\d+:Flotilla master:\/var\/lib\/flotilla:\/usr\/sbin\/nologin$/m);
      assert.match(readFileSync(join(root, "etc/group"), "utf8"), /^flotilla:x:\d+:/m);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("worker.env.example sets only variables the worker reads", () => {
    const known = new Set(Object.values(WORKER_SETTINGS).map((s) => s.env));
    const keys = readFileSync(join(DEPLOY, "worker.env.example"), "utf8")
      .split("\n")
      .map((l) => /^#?\s*(FLOTILLA_[A-Z_]+)=/.exec(l)?.[1])
      .filter((k): k is string => !!k);
    assert.ok(keys.includes("FLOTILLA_MASTER") && keys.includes("FLOTILLA_JOIN_TOKEN_FILE"));
    for (const k of keys) assert.ok(known.has(k), `${k} is a worker setting`);
  });
});
