import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { bearer, createUserWithKey, setupAdmin, startTestServer, type TestServer } from "./helpers.js";

describe("http API keys", () => {
  let s: TestServer;
  let admin: string;
  beforeEach(async () => {
    s = await startTestServer();
    admin = (await setupAdmin(s)).access_token;
  });
  afterEach(async () => s.close());

  it("shows the key once, stores only its SHA-256 and accepts it as Bearer or X-API-Key", async () => {
    const r = await s.call("POST", "/api/v1/api-keys", { json: { name: "ci" }, headers: bearer(admin) });
    assert.equal(r.status, 201);
    assert.match(r.body.key, /^flk_[A-Za-z0-9_-]{40,}$/);
    assert.equal(r.body.role, "admin");
    const row = await s.ctx.db.apiKey.findUniqueOrThrow({ where: { id: r.body.id } });
    assert.equal(row.keyHash, createHash("sha256").update(r.body.key).digest("hex"));
    const list = await s.call("GET", "/api/v1/api-keys", { headers: bearer(admin) });
    assert.equal(list.body.items.length, 1);
    assert.equal(list.body.items[0].key, undefined);
    assert.ok(!list.text.includes(r.body.key));
    for (const headers of [bearer(r.body.key), { "x-api-key": r.body.key }]) {
      const me = await s.call("GET", "/api/v1/auth/me", { headers });
      assert.equal(me.status, 200);
      assert.equal(me.body.auth, "api_key");
    }
    assert.equal((await s.call("GET", "/api/v1/auth/me", { headers: { "x-api-key": r.body.key + "x" } })).status, 401);
  });

  it("caps the key role at the creator's role", async () => {
    const viewer = await createUserWithKey(s, admin, "viewer");
    const up = await s.call("POST", "/api/v1/api-keys", { json: { name: "escalate", role: "operator" }, headers: bearer(viewer.key) });
    assert.equal(up.status, 403);
    assert.equal(up.body.code, "permission_denied");
    const operator = await createUserWithKey(s, admin, "operator");
    const down = await s.call("POST", "/api/v1/api-keys", { json: { name: "read only", role: "viewer" }, headers: bearer(operator.key) });
    assert.equal(down.status, 201);
    assert.equal(down.body.role, "viewer");
  });

  it("lists own keys; admins list all and filter by user_id", async () => {
    const a = await createUserWithKey(s, admin, "viewer");
    const b = await createUserWithKey(s, admin, "operator");
    const mine = await s.call("GET", "/api/v1/api-keys", { headers: bearer(a.key) });
    assert.deepEqual(
      mine.body.items.map((k: any) => k.user_id),
      [a.userId],
    );
    assert.equal((await s.call("GET", `/api/v1/api-keys?user_id=${b.userId}`, { headers: bearer(a.key) })).status, 403);
    const all = await s.call("GET", "/api/v1/api-keys", { headers: bearer(admin) });
    assert.equal(all.body.items.length, 2);
    const onlyB = await s.call("GET", `/api/v1/api-keys?user_id=${b.userId}`, { headers: bearer(admin) });
    assert.deepEqual(
      onlyB.body.items.map((k: any) => k.user_id),
      [b.userId],
    );
  });

  it("deletes own keys only; admins delete any", async () => {
    const a = await createUserWithKey(s, admin, "viewer");
    const b = await createUserWithKey(s, admin, "viewer");
    const bKeyId = (await s.call("GET", "/api/v1/api-keys", { headers: bearer(b.key) })).body.items[0].id;
    assert.equal((await s.call("DELETE", `/api/v1/api-keys/${bKeyId}`, { headers: bearer(a.key) })).status, 404);
    assert.equal((await s.call("GET", "/api/v1/auth/me", { headers: bearer(b.key) })).status, 200);
    assert.equal((await s.call("DELETE", `/api/v1/api-keys/${bKeyId}`, { headers: bearer(admin) })).status, 204);
    assert.equal((await s.call("GET", "/api/v1/auth/me", { headers: bearer(b.key) })).status, 401);
  });

  it("limits keys of a demoted user to the user's current role and kills keys of deleted users", async () => {
    const op = await createUserWithKey(s, admin, "operator");
    const before = await s.call("GET", "/api/v1/auth/me", { headers: bearer(op.key) });
    assert.equal(before.body.role, "operator");
    assert.equal((await s.call("PATCH", `/api/v1/users/${op.userId}`, { json: { role: "viewer" }, headers: bearer(admin) })).status, 200);
    const after = await s.call("GET", "/api/v1/auth/me", { headers: bearer(op.key) });
    assert.equal(after.body.role, "viewer");
    assert.equal((await s.call("POST", "/api/v1/api-keys", { json: { name: "x", role: "operator" }, headers: bearer(op.key) })).status, 403);
    assert.equal((await s.call("DELETE", `/api/v1/users/${op.userId}`, { headers: bearer(admin) })).status, 204);
    assert.equal((await s.call("GET", "/api/v1/auth/me", { headers: bearer(op.key) })).status, 401);
  });

  it("expires keys created with expires_in_seconds", async () => {
    const r = await s.call("POST", "/api/v1/api-keys", { json: { name: "short", expires_in_seconds: 60 }, headers: bearer(admin) });
    assert.equal(r.status, 201);
    await s.ctx.db.apiKey.update({ where: { id: r.body.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    assert.equal((await s.call("GET", "/api/v1/auth/me", { headers: bearer(r.body.key) })).status, 401);
  });
});
