import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { parseJoinToken } from "@flotilla/shared";
import { createPki, type Pki } from "../../../master/src/pki/index.js";
import { createJoinTokenRoutes } from "../../../master/src/http/routes/enrollment-tokens.js";
import { createPkiRoutes } from "../../../master/src/http/routes/pki.js";
import { createTestContext, invoke, type TestContext } from "./helpers.js";

describe("join tokens and enrollment attempts", () => {
  let t: TestContext;
  let pki: Pki;
  let pkiDir: string;
  let routes: ReturnType<typeof createJoinTokenRoutes>;

  before(async () => {
    pkiDir = mkdtempSync(join(tmpdir(), "flotilla-pki-"));
    pki = await createPki(pkiDir, { names: [] });
  });
  after(() => rmSync(pkiDir, { recursive: true, force: true }));
  beforeEach(async () => {
    t = await createTestContext();
    routes = createJoinTokenRoutes(t.ctx, { pki, grpcAdvertiseAddr: "10.1.2.3:50051" });
  });
  afterEach(() => t.close());

  it("creates a token whose string pins the CA, stores only the secret hash, and gives a join command", async () => {
    const r = await invoke(routes, "POST", "/enrollment-tokens", {
      body: { name: "rack 1", max_uses: 3, ttl_seconds: 600, labels: { env: "prod" } },
    });
    assert.equal(r.status, 201);
    const parsed = parseJoinToken(r.body.token);
    assert.ok(parsed, "token string parses");
    assert.equal(parsed.id, r.body.id);
    assert.match(parsed.id, /^[A-Za-z0-9]{16}$/);
    assert.ok(Buffer.from(parsed.secret, "base64url").length >= 16, "secret has at least 128 bits");
    const der = new (await import("node:crypto")).X509Certificate(pki.caPem).raw;
    assert.equal(parsed.caSha256, createHash("sha256").update(der).digest("hex"));
    assert.match(
      r.body.join_command,
      /^curl -fsSL 'http:\/\/master\.test:8080\/install\.sh' \| FLOTILLA_JOIN_TOKEN='([^']+)'( FLOTILLA_WORKER_SHA256=[0-9a-f]{64})?( FLOTILLA_WORKER_EXE_SHA256=[0-9a-f]{64})? sh$/,
    );
    assert.ok(r.body.join_command.includes(`'${r.body.token}'`), "carries the token");
    assert.deepEqual(
      {
        name: r.body.name,
        labels: r.body.labels,
        max_uses: r.body.max_uses,
        uses: r.body.uses,
        status: r.body.status,
        revoked_at: r.body.revoked_at,
      },
      { name: "rack 1", labels: { env: "prod" }, max_uses: 3, uses: 0, status: "active", revoked_at: null },
    );
    const ttl = Date.parse(r.body.expires_at) - Date.parse(r.body.created_at);
    assert.ok(Math.abs(ttl - 600_000) < 5_000, `ttl ${ttl}`);

    const row = await t.ctx.db.joinToken.findUniqueOrThrow({ where: { id: parsed.id } });
    assert.equal(row.secretHash, createHash("sha256").update(parsed.secret).digest("hex"));
    assert.ok(!JSON.stringify(row).includes(parsed.secret), "secret is not stored");

    const got = await invoke(routes, "GET", "/enrollment-tokens/:id", { params: { id: parsed.id } });
    assert.equal(got.status, 200);
    assert.equal(got.body.token, undefined, "token is shown only at creation");
    const list = await invoke(routes, "GET", "/enrollment-tokens");
    assert.equal(list.body.items.length, 1);
    assert.equal(list.body.items[0].token, undefined);
  });

  it("applies defaults and rejects out-of-range settings and bad labels", async () => {
    const d = await invoke(routes, "POST", "/enrollment-tokens", { body: {} });
    assert.equal(d.body.max_uses, 1);
    assert.ok(Math.abs(Date.parse(d.body.expires_at) - Date.now() - 3_600_000) < 5_000);
    for (const body of [
      { ttl_seconds: 59 },
      { ttl_seconds: 31 * 86400 },
      { max_uses: -1 },
      { max_uses: 10_001 },
      { labels: { "bad key!": "x" } },
      { extra: 1 },
    ]) {
      const r = await invoke(routes, "POST", "/enrollment-tokens", { body });
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.body.code, "invalid_argument");
      assert.ok(r.body.details.length > 0);
    }
    const bad = await invoke(routes, "POST", "/enrollment-tokens", { body: { labels: { ok: "1", "-no": "x" } } });
    assert.deepEqual(
      bad.body.details.map((d: any) => d.field),
      ["labels.-no"],
    );
  });

  it("revokes a token and keeps its record; unknown ids are 404", async () => {
    const c = await invoke(routes, "POST", "/enrollment-tokens", { body: {} });
    const del = await invoke(routes, "DELETE", "/enrollment-tokens/:id", { params: { id: c.body.id } });
    assert.equal(del.status, 200);
    assert.equal(del.body.status, "revoked");
    const got = await invoke(routes, "GET", "/enrollment-tokens/:id", { params: { id: c.body.id } });
    assert.equal(got.body.status, "revoked");
    assert.ok(got.body.revoked_at);
    assert.equal((await invoke(routes, "DELETE", "/enrollment-tokens/:id", { params: { id: "nope" } })).status, 404);
    assert.equal((await invoke(routes, "GET", "/enrollment-tokens/:id", { params: { id: "nope" } })).status, 404);
  });

  it("reports expired and exhausted tokens", async () => {
    const c = await invoke(routes, "POST", "/enrollment-tokens", { body: { max_uses: 2 } });
    await t.ctx.db.joinToken.update({ where: { id: c.body.id }, data: { uses: 2 } });
    assert.equal((await invoke(routes, "GET", "/enrollment-tokens/:id", { params: { id: c.body.id } })).body.status, "exhausted");
    await t.ctx.db.joinToken.update({ where: { id: c.body.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    assert.equal((await invoke(routes, "GET", "/enrollment-tokens/:id", { params: { id: c.body.id } })).body.status, "expired");
  });

  it("lists enrollment attempts newest first with outcome and token filters across pages", async () => {
    const base = Date.now() - 100_000;
    for (let i = 0; i < 7; i++) {
      await t.ctx.db.enrollmentAttempt.create({
        data: {
          id: `att_${i}`,
          tokenId: i % 2 ? "tokA" : "tokB",
          outcome: i < 3 ? "ok" : "rejected",
          reason: i < 3 ? "ok" : "bad_secret",
          sourceAddr: "10.0.0.9",
          createdAt: new Date(base + i * 1000),
        },
      });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const r = await invoke(routes, "GET", "/enrollment-attempts", { query: { limit: "3", ...(cursor ? { cursor } : {}) } });
      assert.equal(r.body.page.limit, 3);
      seen.push(...r.body.items.map((a: any) => a.id));
      cursor = r.body.page.next_cursor ?? undefined;
      assert.equal(r.body.page.has_more, cursor !== undefined);
    } while (cursor);
    assert.deepEqual(seen, ["att_6", "att_5", "att_4", "att_3", "att_2", "att_1", "att_0"]);
    const ok = await invoke(routes, "GET", "/enrollment-attempts", { query: { outcome: "ok", token_id: "tokA" } });
    assert.deepEqual(
      ok.body.items.map((a: any) => a.id),
      ["att_1"],
    );
    assert.equal(ok.body.items[0].source_addr, "10.0.0.9");
    assert.equal((await invoke(routes, "GET", "/enrollment-attempts", { query: { outcome: "bad_secret" } })).body.items.length, 4);
    assert.equal((await invoke(routes, "GET", "/enrollment-attempts", { query: { outcome: "weird" } })).status, 400);
    assert.equal((await invoke(routes, "GET", "/enrollment-attempts", { query: { cursor: "garbage!" } })).status, 400);
    assert.equal((await invoke(routes, "GET", "/enrollment-attempts", { query: { limit: "501" } })).status, 400);
  });

  it("filters attempts by every recorded reason (?outcome=<reason>)", async () => {
    const reasons = ["ok", "token_unknown", "bad_secret", "token_expired", "token_revoked", "token_exhausted", "rate_limited", "invalid_request"];
    for (const [i, reason] of reasons.entries()) {
      await t.ctx.db.enrollmentAttempt.create({
        data: { id: `rsn_${i}`, outcome: reason === "ok" ? "ok" : "rejected", reason, sourceAddr: "10.0.0.8" },
      });
    }
    for (const reason of reasons) {
      const r = await invoke(routes, "GET", "/enrollment-attempts", { query: { outcome: reason } });
      assert.equal(r.status, 200);
      assert.deepEqual(
        r.body.items.map((a: any) => a.reason),
        [reason],
        `outcome=${reason}`,
      );
      assert.equal(r.body.items[0].count, 1);
    }
  });

  it("serves the CA certificate as PEM", async () => {
    const r = await invoke(createPkiRoutes({ pki }), "GET", "/pki/ca.pem", { principal: null });
    assert.equal(r.type, "application/x-pem-file");
    assert.equal(r.body, pki.caPem);
    assert.match(r.body, /^-----BEGIN CERTIFICATE-----/);
  });
});

describe("join command address", () => {
  it("prefers the advertised address, else the bound address with wildcards replaced by a resolvable name", async () => {
    const { resolveGrpcAdvertiseAddr } = await import("../../../master/src/http/routes/enrollment-tokens.js");
    const { hostname } = await import("node:os");
    const { lookup } = await import("node:dns/promises");
    assert.equal(
      await resolveGrpcAdvertiseAddr({ advertiseGrpcAddr: "fleet.example:443", grpcAddr: { host: "0.0.0.0" } }, 50051),
      "fleet.example:443",
    );
    assert.equal(await resolveGrpcAdvertiseAddr({ grpcAddr: { host: "10.0.0.5" } }, 4000), "10.0.0.5:4000");
    assert.equal(await resolveGrpcAdvertiseAddr({ grpcAddr: { host: "::1" } }, 4000), "[::1]:4000");
    const expected = await lookup(hostname()).then(
      () => hostname(),
      () => "127.0.0.1",
    );
    assert.equal(await resolveGrpcAdvertiseAddr({ grpcAddr: { host: "0.0.0.0" } }, 4000), `${expected}:4000`);
  });
});
