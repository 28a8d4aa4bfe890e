import { strict as assert } from "node:assert";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { ensureAdminUser } from "../../master/src/services/users.js";
import { ADMIN, bearer, isEnvelope, login, setupAdmin, startTestServer, type TestServer } from "./helpers.js";

function cookiesOf(h: Headers): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of h.getSetCookie()) out.set(c.slice(0, c.indexOf("=")), c);
  return out;
}
const cookieValue = (setCookie: string) => setCookie.slice(setCookie.indexOf("=") + 1, setCookie.indexOf(";"));

describe("http auth", () => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startTestServer({ loginLimits: { perUsername: 5, perIp: 100 } });
  });
  afterEach(async () => s.close());

  it("creates the first admin once, then answers 409", async () => {
    assert.deepEqual((await s.call("GET", "/api/v1/auth/setup")).body, { required: true });
    const first = await s.call("POST", "/api/v1/auth/setup", { json: ADMIN });
    assert.equal(first.status, 201);
    assert.equal(first.body.role, "admin");
    assert.equal(first.body.password_hash, undefined);
    const again = await s.call("POST", "/api/v1/auth/setup", { json: { username: "other", password: "another long password" } });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, "conflict");
    const after = await s.call("GET", "/api/v1/auth/setup");
    assert.equal(after.status, 200);
    assert.deepEqual(after.body, { required: false });
    const row = await s.ctx.db.user.findUniqueOrThrow({ where: { username: "admin" } });
    assert.match(row.passwordHash, /^scrypt\$32768\$8\$1\$[^$]+\$[^$]+$/);
  });

  it("rejects short passwords at setup with field details", async () => {
    const r = await s.call("POST", "/api/v1/auth/setup", { json: { username: "admin", password: "short" } });
    assert.equal(r.status, 400);
    assert.equal(r.body.details[0].field, "password");
  });

  it("logs in with tokens and HttpOnly SameSite=Strict cookies; bad passwords get 401", async () => {
    await s.call("POST", "/api/v1/auth/setup", { json: ADMIN });
    const bad = await s.call("POST", "/api/v1/auth/login", { json: { username: "admin", password: "wrong password!" } });
    assert.equal(bad.status, 401);
    assert.ok(isEnvelope(bad.body));
    const unknown = await s.call("POST", "/api/v1/auth/login", { json: { username: "nobody", password: "wrong password!" } });
    assert.equal(unknown.status, 401);
    assert.equal(unknown.body.error, bad.body.error);

    const r = await s.call("POST", "/api/v1/auth/login", { json: ADMIN });
    assert.equal(r.status, 200);
    assert.equal(r.body.expires_in, 900);
    assert.equal(r.body.user.username, "admin");
    const [, payload] = r.body.access_token.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    assert.equal(claims.sub, r.body.user.id);
    assert.equal(claims.role, "admin");
    assert.equal(claims.exp - claims.iat, 900);
    const cookies = cookiesOf(r.headers);
    assert.match(cookies.get("flotilla_session")!, /HttpOnly/);
    assert.match(cookies.get("flotilla_session")!, /SameSite=Strict/);
    assert.doesNotMatch(cookies.get("flotilla_csrf")!, /HttpOnly/);
    assert.equal(cookieValue(cookies.get("flotilla_csrf")!), r.body.csrf_token);

    const me = await s.call("GET", "/api/v1/auth/me", { headers: bearer(r.body.access_token) });
    assert.equal(me.status, 200);
    assert.equal(me.body.auth, "jwt");
    const viaCookie = await s.call("GET", "/api/v1/auth/me", {
      headers: { cookie: `flotilla_session=${cookieValue(cookies.get("flotilla_session")!)}` },
    });
    assert.equal(viaCookie.status, 200);
    assert.equal(viaCookie.body.auth, "session");
  });

  it("stores the JWT key as 32 bytes with mode 0600", async () => {
    const file = join(s.ctx.config.dataDir, "jwt.key");
    assert.equal(readFileSync(file).length, 32);
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  it("rotates refresh tokens: the new one works and the old one is spent", async () => {
    const t = await setupAdmin(s);
    const r1 = await s.call("POST", "/api/v1/auth/refresh", { json: { refresh_token: t.refresh_token } });
    assert.equal(r1.status, 200);
    assert.notEqual(r1.body.refresh_token, t.refresh_token);
    const r2 = await s.call("POST", "/api/v1/auth/refresh", { json: { refresh_token: r1.body.refresh_token } });
    assert.equal(r2.status, 200);
    assert.equal((await s.call("GET", "/api/v1/auth/me", { headers: bearer(r2.body.access_token) })).status, 200);
    const stored = await s.ctx.db.session.findMany();
    assert.ok(stored.every((x) => x.refreshHash !== r2.body.refresh_token && /^[0-9a-f]{64}$/.test(x.refreshHash)));
  });

  it("revokes the session when a spent refresh token comes back (a copied token), with an audit entry", async () => {
    const t = await setupAdmin(s);
    const r1 = await s.call("POST", "/api/v1/auth/refresh", { json: { refresh_token: t.refresh_token } });
    assert.equal(r1.status, 200);
    const reuse = await s.call("POST", "/api/v1/auth/refresh", { json: { refresh_token: t.refresh_token } });
    assert.equal(reuse.status, 401);
    assert.match(reuse.body.error, /already used.*revoked/);
    // Both holders are out: the rotated token and the access token issued with it.
    assert.equal((await s.call("POST", "/api/v1/auth/refresh", { json: { refresh_token: r1.body.refresh_token } })).status, 401);
    assert.equal((await s.call("GET", "/api/v1/auth/me", { headers: bearer(r1.body.access_token) })).status, 401);
    const entry = await s.ctx.db.auditEntry.findFirst({ where: { action: "auth.session_revoked" }, orderBy: { id: "desc" } });
    assert.ok(entry, "audit entry written");
    assert.equal(JSON.parse(entry.details).reason, "refresh_token_reused");
    // An unknown token is only refused.
    const unknown = await s.call("POST", "/api/v1/auth/refresh", { json: { refresh_token: "not-a-token" } });
    assert.equal(unknown.status, 401);
    assert.match(unknown.body.error, /invalid or expired/);
  });

  it("detects reuse of any earlier refresh token of the family, not only the previous one", async () => {
    const t = await setupAdmin(s);
    const chain = [t.refresh_token];
    for (let i = 0; i < 3; i++) {
      const r = await s.call("POST", "/api/v1/auth/refresh", { json: { refresh_token: chain[chain.length - 1] } });
      assert.equal(r.status, 200);
      chain.push(r.body.refresh_token);
    }
    const reuse = await s.call("POST", "/api/v1/auth/refresh", { json: { refresh_token: chain[1] } });
    assert.equal(reuse.status, 401);
    assert.match(reuse.body.error, /already used.*revoked/);
    assert.equal((await s.call("POST", "/api/v1/auth/refresh", { json: { refresh_token: chain[3] } })).status, 401, "the current holder is out too");
  });

  it("never extends a session past its absolute lifetime (30 days from login by default)", async () => {
    const t = await setupAdmin(s);
    const day = 86_400_000;
    const session = (await s.ctx.db.session.findFirst({ orderBy: { createdAt: "desc" } }))!;
    await s.ctx.db.session.update({ where: { id: session.id }, data: { createdAt: new Date(Date.now() - 29 * day) } });
    const r = await s.call("POST", "/api/v1/auth/refresh", { json: { refresh_token: t.refresh_token } });
    assert.equal(r.status, 200);
    const after = (await s.ctx.db.session.findUnique({ where: { id: session.id } }))!;
    assert.ok(
      after.expiresAt.getTime() <= Date.now() + day + 5_000,
      `expires ${after.expiresAt.toISOString()}: capped at 30 days from login, not 7 days from now`,
    );
    await s.ctx.db.session.update({ where: { id: session.id }, data: { createdAt: new Date(Date.now() - 31 * day) } });
    const late = await s.call("POST", "/api/v1/auth/refresh", { json: { refresh_token: r.body.refresh_token } });
    assert.equal(late.status, 401);
    assert.match(late.body.error, /maximum lifetime/);
  });

  it("logout revokes the session and clears the cookies", async () => {
    const t = await setupAdmin(s);
    const out = await s.call("POST", "/api/v1/auth/logout", { headers: bearer(t.access_token) });
    assert.equal(out.status, 204);
    assert.match(cookiesOf(out.headers).get("flotilla_session")!, /Max-Age=0/);
    assert.equal((await s.call("GET", "/api/v1/auth/me", { headers: bearer(t.access_token) })).status, 401);
    assert.equal((await s.call("POST", "/api/v1/auth/refresh", { json: { refresh_token: t.refresh_token } })).status, 401);
  });

  it("changes the password and ends the other sessions only", async () => {
    const a = await setupAdmin(s);
    const b = await login(s, ADMIN.username, ADMIN.password);
    const short = await s.call("PUT", "/api/v1/auth/me/password", {
      json: { current_password: ADMIN.password, new_password: "short" },
      headers: bearer(a.access_token),
    });
    assert.equal(short.status, 400);
    const wrong = await s.call("PUT", "/api/v1/auth/me/password", {
      json: { current_password: "not the password", new_password: "a brand new password" },
      headers: bearer(a.access_token),
    });
    assert.equal(wrong.status, 400);
    const ok = await s.call("PUT", "/api/v1/auth/me/password", {
      json: { current_password: ADMIN.password, new_password: "a brand new password" },
      headers: bearer(a.access_token),
    });
    assert.equal(ok.status, 204);
    assert.equal((await s.call("GET", "/api/v1/auth/me", { headers: bearer(a.access_token) })).status, 200);
    assert.equal((await s.call("GET", "/api/v1/auth/me", { headers: bearer(b.access_token) })).status, 401);
    assert.equal((await s.call("POST", "/api/v1/auth/login", { json: ADMIN })).status, 401);
    await login(s, ADMIN.username, "a brand new password");
  });

  it("rate limits login attempts per username with 429", async () => {
    await s.call("POST", "/api/v1/auth/setup", { json: ADMIN });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await s.call("POST", "/api/v1/auth/login", { json: { username: "admin", password: "wrong password " + i } })).status);
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429]);
    const blocked = await s.call("POST", "/api/v1/auth/login", { json: ADMIN });
    assert.equal(blocked.status, 429);
    assert.equal(blocked.body.code, "rate_limited");
  });

  it("rate limits failed logins per client address across usernames", async () => {
    const t = await startTestServer({ loginLimits: { perIp: 3, perUsername: 100 } });
    try {
      await t.call("POST", "/api/v1/auth/setup", { json: ADMIN });
      for (let i = 0; i < 3; i++)
        assert.equal((await t.call("POST", "/api/v1/auth/login", { json: { username: `user${i}`, password: "wrong password" } })).status, 401);
      assert.equal((await t.call("POST", "/api/v1/auth/login", { json: ADMIN })).status, 429);
    } finally {
      await t.close();
    }
  });

  it("does not count good logins against the limits", async () => {
    await s.call("POST", "/api/v1/auth/setup", { json: ADMIN });
    for (let i = 0; i < 8; i++) assert.equal((await s.call("POST", "/api/v1/auth/login", { json: ADMIN })).status, 200);
  });

  it("rejects tampered and foreign tokens", async () => {
    const t = await setupAdmin(s);
    const [h, p] = t.access_token.split(".");
    const forged = `${h}.${p}.${Buffer.alloc(32).toString("base64url")}`;
    assert.equal((await s.call("GET", "/api/v1/auth/me", { headers: bearer(forged) })).status, 401);
    assert.equal((await s.call("GET", "/api/v1/auth/me", { headers: { authorization: "Basic YWRtaW46eA==" } })).status, 401);
    assert.equal((await s.call("GET", "/api/v1/auth/me", { headers: { cookie: "flotilla_session=garbage" } })).status, 401);
  });

  it("creates user admin from the configured password only when no user exists", async () => {
    const ctx = { ...s.ctx, config: { ...s.ctx.config, adminPassword: "bootstrap password" } };
    assert.equal(await ensureAdminUser(ctx), true);
    assert.equal(await ensureAdminUser(ctx), false);
    await login(s, "admin", "bootstrap password");
  });

  it("refuses a configured admin password that breaks the policy, naming the setting", async () => {
    const ctx = { ...s.ctx, config: { ...s.ctx.config, adminPassword: "short" } };
    await assert.rejects(ensureAdminUser(ctx), /FLOTILLA_ADMIN_PASSWORD/);
  });
});
