import assert from "node:assert/strict";
import path from "node:path";
import { diffCensus, type Census } from "../../worker/src/scanners/census-diff.js";
import { hostCensus } from "../../worker/src/scanners/host-census.js";
import { FIXTURES, testContext } from "./helpers.js";

async function census(root: string) {
  const { ctx, progress } = testContext(path.join(FIXTURES, root));
  const out = await hostCensus.scan(ctx);
  return { out, snapshot: out.snapshot as Census, progress };
}

describe("host-census scanner", () => {
  it("records os, kernel, installed packages and login users from the host root", async () => {
    const { snapshot, progress } = await census("a");
    assert.deepEqual(snapshot.os, { id: "debian", name: "Debian GNU/Linux", version_id: "12", pretty_name: "Debian GNU/Linux 12 (bookworm)" });
    assert.equal(snapshot.kernel, "6.1.0-18-amd64");
    assert.deepEqual(snapshot.packages, [
      { name: "bash", version: "5.2.15-2+b2" },
      { name: "libc6:amd64", version: "2.36-9+deb12u4" },
      { name: "openssl", version: "3.0.11-1~deb12u2" },
    ]);
    assert.deepEqual(
      snapshot.users.map((u) => u.name),
      ["root", "alice", "toor"],
    );
    assert.equal(progress.at(-1), 1);
  });

  it("lists listening sockets with their owning process and skips connected ones", async () => {
    const { snapshot } = await census("a");
    assert.deepEqual(snapshot.listening, [
      { proto: "tcp", address: "0.0.0.0", port: 22, process: "sshd" },
      { proto: "tcp", address: "::", port: 80, process: "nginx" },
      { proto: "tcp", address: "0.0.0.0", port: 5432, process: "postgres" },
      { proto: "tcp", address: "127.0.0.1", port: 6379, process: "" },
      { proto: "udp", address: "0.0.0.0", port: 53, process: "dnsmasq" },
    ]);
  });

  it("flags databases on all interfaces and extra uid 0 accounts, not loopback services", async () => {
    const { out } = await census("a");
    const got = out.findings.map((f) => `${f.ruleId} ${f.resource}`).sort();
    assert.deepEqual(got, ["host-census/database-exposed port:tcp/0.0.0.0:5432", "host-census/extra-root-user user:toor"]);
    assert.equal(out.findings.find((f) => f.resource === "user:toor")?.severity, "critical");
  });

  it("flags an unauthenticated Docker API port", async () => {
    const { out } = await census("b");
    const f = out.findings.find((x) => x.ruleId === "host-census/docker-api-exposed");
    assert.equal(f?.resource, "port:tcp/0.0.0.0:2375");
    assert.equal(f?.evidence.process, "dockerd");
  });

  it("diffs two snapshots: added package, changed version and a new listening port", async () => {
    const a = (await census("a")).snapshot;
    const b = (await census("b")).snapshot;
    const d = diffCensus(a, b);
    assert.deepEqual(d.packages.added, [{ name: "curl", version: "7.88.1-10+deb12u5" }]);
    assert.deepEqual(d.packages.removed, []);
    assert.deepEqual(d.packages.changed, [{ name: "openssl", from: "3.0.11-1~deb12u2", to: "3.0.13-1~deb12u1" }]);
    assert.deepEqual(d.listening.added, [{ proto: "tcp", address: "0.0.0.0", port: 2375, process: "dockerd" }]);
    assert.deepEqual(d.listening.removed, []);
    assert.deepEqual(d.users, { added: [], removed: [] });
    const back = diffCensus(b, a);
    assert.deepEqual(
      back.packages.removed.map((p) => p.name),
      ["curl"],
    );
    assert.deepEqual(
      back.listening.removed.map((s) => s.port),
      [2375],
    );
  });

  it("returns an empty census for an empty root instead of failing", async () => {
    const { snapshot, out } = await census("does-not-exist");
    assert.deepEqual(snapshot.packages, []);
    assert.deepEqual(snapshot.listening, []);
    assert.deepEqual(out.findings, []);
  });

  it("reads the real host when the root is /", async function () {
    const { ctx } = testContext("/");
    const snap = (await hostCensus.scan(ctx)).snapshot as Census;
    assert.ok(snap.kernel.length > 0);
    assert.ok(snap.users.some((u) => u.name === "root" && u.uid === 0));
    assert.ok(
      snap.listening.some((s) => s.proto === "tcp" && s.port === 5432),
      "PostgreSQL listens on this machine",
    );
  });
});
