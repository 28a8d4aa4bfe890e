import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { Code, ConnectError } from "@connectrpc/connect";
import { facts, createToken, enrollmentClient, makeCsr, startMaster, rejected, type TestMaster } from "./helpers.js";

describe("grpc: enrollment", function () {
  let m: TestMaster;
  before(async () => {
    m = await startMaster();
  });
  after(async () => m.stop());

  async function lastAttempt() {
    return m.ctx.db.enrollmentAttempt.findFirst({ orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  }

  it("issues a node certificate signed by the CA with CN = node id and stores the node with merged labels", async () => {
    const { token, id } = await createToken(m, { labels: { env: "prod", team: "a" } });
    const { csrPem } = await makeCsr();
    const res = await enrollmentClient(m).enroll({ token, csrPem, facts: facts({ hostname: "web-1" }), labels: { team: "b", rack: "r1" } });
    const cert = new X509Certificate(res.certificatePem);
    assert.equal(cert.subject, `CN=${res.nodeId}`);
    assert.ok(cert.verify(new X509Certificate(m.pki.caPem).publicKey));
    assert.equal(res.caPem, m.pki.caPem);
    const node = await m.ctx.db.node.findUniqueOrThrow({ where: { id: res.nodeId }, include: { labels: true } });
    assert.equal(node.hostname, "web-1");
    assert.equal(node.status, "offline");
    assert.equal(node.certSerial, cert.serialNumber.toLowerCase().replace(/^0+/, ""));
    assert.deepEqual(Object.fromEntries(node.labels.map((l) => [l.key, l.value])), { env: "prod", team: "b", rack: "r1" });
    const attempt = await lastAttempt();
    assert.equal(attempt?.reason, "ok");
    assert.equal(attempt?.nodeId, res.nodeId);
    assert.equal((await m.ctx.db.joinToken.findUniqueOrThrow({ where: { id } })).uses, 1);
    const ev = await m.waitForEvent("node.enrolled", (e) => e.node_id === res.nodeId);
    assert.deepEqual(ev.data.labels, { env: "prod", team: "b", rack: "r1" });
  });

  const cases: Array<{ reason: string; code: Code; make: () => Promise<{ token: string; csrPem?: string; noFacts?: boolean }> }> = [
    {
      reason: "token_unknown",
      code: Code.Unauthenticated,
      make: async () => ({ token: (await createToken(m)).token.replace(/^flt1\.[^.]+\./, "flt1.jt_doesnotexist1.") }),
    },
    {
      reason: "bad_secret",
      code: Code.Unauthenticated,
      make: async () => ({ token: (await createToken(m)).token.replace(/\.[^.]+\.([0-9a-f]{64})$/, ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.$1") }),
    },
    {
      reason: "token_expired",
      code: Code.PermissionDenied,
      make: async () => ({ token: (await createToken(m, { expiresAt: new Date(Date.now() - 1000) })).token }),
    },
    { reason: "token_revoked", code: Code.PermissionDenied, make: async () => ({ token: (await createToken(m, { revokedAt: new Date() })).token }) },
    {
      reason: "token_exhausted",
      code: Code.PermissionDenied,
      make: async () => {
        const t = await createToken(m, { maxUses: 1 });
        await m.ctx.db.joinToken.update({ where: { id: t.id }, data: { uses: 1 } });
        return { token: t.token };
      },
    },
    { reason: "invalid_request", code: Code.InvalidArgument, make: async () => ({ token: "flt1.not-a-token" }) },
    {
      reason: "invalid_request",
      code: Code.InvalidArgument,
      make: async () => ({
        token: (await createToken(m)).token,
        csrPem: "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n",
      }),
    },
    { reason: "invalid_request", code: Code.InvalidArgument, make: async () => ({ token: (await createToken(m)).token, noFacts: true }) },
  ];
  for (const c of cases) {
    it(`rejects with ${c.reason} (${Code[c.code]}) and records the attempt`, async () => {
      const before = await m.ctx.db.node.count();
      const req = await c.make();
      const csrPem = req.csrPem ?? (await makeCsr()).csrPem;
      const err = await rejected(enrollmentClient(m).enroll({ token: req.token, csrPem, facts: req.noFacts ? undefined : facts() }));
      assert.equal(err.code, c.code);
      assert.match(err.rawMessage, new RegExp(c.reason));
      assert.equal((await lastAttempt())?.reason, c.reason);
      assert.equal(await m.ctx.db.node.count(), before);
      await m.waitForEvent("enrollment.rejected", (e) => e.data.reason === c.reason);
    });
  }

  it("flags a second host with the same machine id as a duplicate node", async () => {
    const client = enrollmentClient(m);
    const f = facts({ machineId: "cloned-machine-id-0001" });
    const a = await client.enroll({ token: (await createToken(m)).token, csrPem: (await makeCsr()).csrPem, facts: f });
    const b = await client.enroll({ token: (await createToken(m)).token, csrPem: (await makeCsr()).csrPem, facts: f });
    assert.notEqual(a.nodeId, b.nodeId);
    const nb = await m.ctx.db.node.findUniqueOrThrow({ where: { id: b.nodeId } });
    assert.equal(nb.duplicateOf, a.nodeId);
    const ev = await m.waitForEvent("node.duplicate_machine_id", (e) => e.node_id === b.nodeId);
    assert.equal(ev.data.duplicate_of, a.nodeId);
  });

  it("consumes a single-use token exactly once under 8 concurrent enrollments", async () => {
    const { token, id } = await createToken(m, { maxUses: 1 });
    const client = enrollmentClient(m);
    const csrs = await Promise.all(Array.from({ length: 8 }, () => makeCsr()));
    const results = await Promise.allSettled(csrs.map((c) => client.enroll({ token, csrPem: c.csrPem, facts: facts() })));
    const ok = results.filter((r) => r.status === "fulfilled");
    assert.equal(ok.length, 1, JSON.stringify(results.map((r) => (r.status === "rejected" ? String(r.reason) : "ok"))));
    for (const r of results) if (r.status === "rejected") assert.equal(ConnectError.from(r.reason).code, Code.PermissionDenied);
    assert.equal(await m.ctx.db.node.count({ where: { tokenId: id } }), 1);
    assert.equal((await m.ctx.db.joinToken.findUniqueOrThrow({ where: { id } })).uses, 1);
    assert.equal(await m.ctx.db.enrollmentAttempt.count({ where: { tokenId: id, reason: "token_exhausted" } }), 7);
  });

  it("answers concurrent enrollments with one key (retries after the worker's deadline) with one node", async () => {
    const { token, id } = await createToken(m, { maxUses: 0 });
    const client = enrollmentClient(m);
    const { csrPem } = await makeCsr();
    // A slow database: the node is committed only well after the retries arrived.
    const db = m.ctx.db as unknown as { $transaction: (...a: unknown[]) => Promise<unknown> };
    const original = db.$transaction;
    db.$transaction = async (...a: unknown[]) => (await new Promise((r) => setTimeout(r, 300)), original.apply(m.ctx.db, a));
    const results = await Promise.all(
      Array.from({ length: 6 }, () => client.enroll({ token, csrPem, facts: facts({ hostname: "slow-1" }) })),
    ).finally(() => (db.$transaction = original));
    assert.deepEqual(new Set(results.map((r) => r.nodeId)).size, 1, "every attempt got the same node id");
    for (const r of results) assert.ok(new X509Certificate(r.certificatePem).verify(new X509Certificate(m.pki.caPem).publicKey));
    assert.equal(await m.ctx.db.node.count({ where: { tokenId: id } }), 1);
    assert.equal((await m.ctx.db.joinToken.findUniqueOrThrow({ where: { id } })).uses, 1);
  });
});

describe("grpc: enrollment rate limit", function () {
  let m: TestMaster;
  before(async () => {
    m = await startMaster({ enrollRateLimit: 3 });
  });
  after(async () => m.stop());

  it("answers RESOURCE_EXHAUSTED with rate_limited past the per-address limit", async () => {
    const client = enrollmentClient(m);
    for (let i = 0; i < 3; i++) {
      const err = await rejected(client.enroll({ token: "flt1.bad", csrPem: "", facts: facts() }));
      assert.equal(err.code, Code.InvalidArgument);
    }
    const err = await rejected(client.enroll({ token: (await createToken(m)).token, csrPem: (await makeCsr()).csrPem, facts: facts() }));
    assert.equal(err.code, Code.ResourceExhausted);
    assert.match(err.rawMessage, /rate_limited/);
    assert.equal(await m.ctx.db.enrollmentAttempt.count({ where: { reason: "rate_limited", sourceAddr: "127.0.0.1" } }), 1);
    assert.equal(await m.ctx.db.node.count(), 0);
  });
});
