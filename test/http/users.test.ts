import { strict as assert } from "node:assert";
import { bearer, createUserWithKey, setupAdmin, startTestServer, type TestServer } from "./helpers.js";

describe("http users", () => {
  let s: TestServer;
  let admin: string;
  let adminId: string;
  beforeEach(async () => {
    s = await startTestServer();
    const t = await setupAdmin(s);
    admin = t.access_token;
    adminId = t.user.id;
  });
  afterEach(async () => s.close());

  it("creates, reads, updates and deletes users", async () => {
    const c = await s.call("POST", "/api/v1/users", {
      json: { username: "alice", password: "alice's password", role: "operator" },
      headers: bearer(admin),
    });
    assert.equal(c.status, 201);
    assert.match(c.body.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const g = await s.call("GET", `/api/v1/users/${c.body.id}`, { headers: bearer(admin) });
    assert.deepEqual(g.body, c.body);
    const p = await s.call("PATCH", `/api/v1/users/${c.body.id}`, { json: { role: "viewer" }, headers: bearer(admin) });
    assert.equal(p.body.role, "viewer");
    assert.equal((await s.call("DELETE", `/api/v1/users/${c.body.id}`, { headers: bearer(admin) })).status, 204);
    assert.equal((await s.call("GET", `/api/v1/users/${c.body.id}`, { headers: bearer(admin) })).status, 404);
  });

  it("keeps usernames unique (409) and validates input (400 with details)", async () => {
    const dup = await s.call("POST", "/api/v1/users", { json: { username: "admin", password: "some long password" }, headers: bearer(admin) });
    assert.equal(dup.status, 409);
    const bad = await s.call("POST", "/api/v1/users", {
      json: { username: "x y", password: "some long password", role: "root" },
      headers: bearer(admin),
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.details.map((d: any) => d.field).sort(), ["role", "username"]);
  });

  it("never removes or demotes the last admin", async () => {
    const demote = await s.call("PATCH", `/api/v1/users/${adminId}`, { json: { role: "operator" }, headers: bearer(admin) });
    assert.equal(demote.status, 409);
    const del = await s.call("DELETE", `/api/v1/users/${adminId}`, { headers: bearer(admin) });
    assert.equal(del.status, 409);
    const second = await createUserWithKey(s, admin, "admin");
    assert.equal((await s.call("PATCH", `/api/v1/users/${adminId}`, { json: { role: "operator" }, headers: bearer(second.key) })).status, 200);
    assert.equal((await s.call("DELETE", `/api/v1/users/${second.userId}`, { headers: bearer(second.key) })).status, 409);
  });

  it("ends a user's sessions when an admin sets a new password", async () => {
    const v = await createUserWithKey(s, admin, "viewer");
    const t = await s.call("POST", "/api/v1/auth/login", { json: { username: v.username, password: v.password } });
    const p = await s.call("PATCH", `/api/v1/users/${v.userId}`, { json: { password: "reset by the admin" }, headers: bearer(admin) });
    assert.equal(p.status, 200);
    assert.equal((await s.call("GET", "/api/v1/auth/me", { headers: bearer(t.body.access_token) })).status, 401);
  });

  it('treats usernames case-insensitively: no "Admin" next to "admin", login in any case', async () => {
    const dup = await s.call("POST", "/api/v1/users", { json: { username: "Admin", password: "some long password" }, headers: bearer(admin) });
    assert.equal(dup.status, 409, dup.text);
    const c = await s.call("POST", "/api/v1/users", { json: { username: "Carol.Ops", password: "carol's password" }, headers: bearer(admin) });
    assert.equal(c.status, 201, c.text);
    assert.equal(c.body.username, "carol.ops");
    const login = await s.call("POST", "/api/v1/auth/login", { json: { username: "CAROL.OPS", password: "carol's password" } });
    assert.equal(login.status, 200, login.text);
  });

  it("pages users with an opaque cursor, without gaps or duplicates", async () => {
    for (let i = 0; i < 6; i++)
      await s.ctx.db.user.create({ data: { id: `usr_page_${i}`, username: `user${i}`, passwordHash: "x", role: "viewer" } });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = await s.call("GET", `/api/v1/users?limit=3${cursor ? `&cursor=${cursor}` : ""}`, { headers: bearer(admin) });
      assert.equal(r.status, 200);
      assert.equal(r.body.page.limit, 3);
      seen.push(...r.body.items.map((u: any) => u.id));
      cursor = r.body.page.next_cursor;
      assert.equal(r.body.page.has_more, cursor !== null);
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.equal(seen.length, 7);
    assert.equal(new Set(seen).size, 7);
    for (const q of ["limit=0", "limit=501", "limit=abc", "cursor=%21%21"]) {
      const r = await s.call("GET", `/api/v1/users?${q}`, { headers: bearer(admin) });
      assert.equal(r.status, 400, q);
    }
    const d = await s.call("GET", "/api/v1/users", { headers: bearer(admin) });
    assert.equal(d.body.page.limit, 50);
  });
});
