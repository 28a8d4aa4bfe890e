import { strict as assert } from "node:assert";
import { bearer, setupAdmin, startTestServer, type TestServer } from "./helpers.js";

describe("http CSRF protection", () => {
  let s: TestServer;
  let cookie: string;
  let csrf: string;
  let access: string;
  before(async () => {
    s = await startTestServer();
    const t = await setupAdmin(s);
    access = t.access_token;
    csrf = t.csrf_token;
    const r = await s.call("POST", "/api/v1/auth/login", { json: { username: "admin", password: "correct horse battery" } });
    const set = r.headers.getSetCookie().find((c) => c.startsWith("flotilla_session="))!;
    cookie = set.slice(0, set.indexOf(";"));
    csrf = r.body.csrf_token;
  });
  after(async () => s.close());

  it("lets cookie sessions read without a token", async () => {
    assert.equal((await s.call("GET", "/api/v1/users", { headers: { cookie } })).status, 200);
  });

  it("refuses cookie mutations without or with a wrong X-CSRF-Token", async () => {
    const none = await s.call("POST", "/api/v1/api-keys", { json: { name: "k" }, headers: { cookie } });
    assert.equal(none.status, 403);
    assert.equal(none.body.code, "permission_denied");
    const wrong = await s.call("POST", "/api/v1/api-keys", { json: { name: "k" }, headers: { cookie, "x-csrf-token": csrf.slice(1) + "A" } });
    assert.equal(wrong.status, 403);
    const otherSession = await s.call("POST", "/api/v1/api-keys", {
      json: { name: "k" },
      headers: { cookie, "x-csrf-token": "token-of-another-session" },
    });
    assert.equal(otherSession.status, 403);
    assert.equal(await s.ctx.db.apiKey.count(), 0);
  });

  it("accepts cookie mutations carrying the session's token", async () => {
    const ok = await s.call("POST", "/api/v1/api-keys", { json: { name: "k" }, headers: { cookie, "x-csrf-token": csrf } });
    assert.equal(ok.status, 201);
  });

  it("does not ask Bearer requests for a token", async () => {
    const ok = await s.call("POST", "/api/v1/api-keys", { json: { name: "bearer" }, headers: bearer(access) });
    assert.equal(ok.status, 201);
  });
});
