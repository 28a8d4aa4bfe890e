import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { get } from "node:http";
import { join } from "node:path";
import { fullPath } from "../../master/src/http/middleware/route-match.js";
import { toOpenApiPath } from "../../master/src/http/openapi.js";
import { ADMIN, bearer, isEnvelope, setupAdmin, startTestServer, type TestServer } from "./helpers.js";

/** rawGet sends a path byte for byte (fetch would normalise it). */
function rawGet(base: string, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(base + path, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve(text));
    }).on("error", reject);
  });
}

describe("http core", () => {
  let s: TestServer;
  let uiDir: string;
  before(async () => {
    uiDir = mkdtempSync(join(tmpdir(), "flotilla-ui-"));
    mkdirSync(join(uiDir, "assets"));
    writeFileSync(join(uiDir, "index.html"), "<!doctype html><title>Flotilla UI</title>");
    writeFileSync(join(uiDir, "assets", "app.js"), "console.log('ui')");
    s = await startTestServer({ uiDir });
  });
  after(async () => {
    await s.close();
    rmSync(uiDir, { recursive: true, force: true });
  });

  it("answers unknown API routes with a not_found envelope and echoes a sane X-Request-ID", async () => {
    const r = await s.call("GET", "/api/v1/nope", { headers: { "x-request-id": "req-123.abc_DEF" } });
    assert.equal(r.status, 404);
    assert.ok(isEnvelope(r.body));
    assert.equal(r.body.code, "not_found");
    assert.equal(r.body.request_id, "req-123.abc_DEF");
    assert.equal(r.headers.get("x-request-id"), "req-123.abc_DEF");
  });

  it("replaces unsafe request ids and generates one when missing", async () => {
    for (const bad of ["has space", "x".repeat(129), "semi;colon", "<script>"]) {
      const r = await s.call("GET", "/health", { headers: { "x-request-id": bad } });
      const id = r.headers.get("x-request-id")!;
      assert.notEqual(id, bad);
      assert.match(id, /^[A-Za-z0-9._-]{1,128}$/);
    }
    const a = await s.call("GET", "/health");
    const b = await s.call("GET", "/health");
    assert.ok(a.headers.get("x-request-id"));
    assert.notEqual(a.headers.get("x-request-id"), b.headers.get("x-request-id"));
  });

  it("serves liveness, readiness and metrics publicly", async () => {
    assert.deepEqual((await s.call("GET", "/health")).body, { status: "ok" });
    s.ready.value = false;
    const notReady = await s.call("GET", "/ready");
    assert.equal(notReady.status, 503);
    assert.equal(notReady.body.code, "unavailable");
    s.ready.value = true;
    assert.equal((await s.call("GET", "/ready")).status, 200);
    await s.call("GET", "/api/v1/users/some-id");
    const m = await s.call("GET", "/metrics");
    assert.equal(m.status, 200);
    assert.match(m.headers.get("content-type")!, /text\/plain/);
    assert.match(m.text, /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/users\/:id",status="401"\} 1/);
    assert.match(m.text, /http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\}/);
  });

  it("sets security headers on every response", async () => {
    for (const path of ["/health", "/api/v1/nope", "/"]) {
      const r = await s.call("GET", path);
      assert.equal(r.headers.get("x-content-type-options"), "nosniff");
      assert.equal(r.headers.get("x-frame-options"), "DENY");
      assert.equal(r.headers.get("referrer-policy"), "no-referrer");
      assert.match(r.headers.get("content-security-policy")!, /default-src 'self'/);
      assert.match(r.headers.get("content-security-policy")!, /connect-src 'self'(;|$)/, "the UI may connect to its own origin only");
    }
  });

  it("hides internals of unexpected errors behind a 500 envelope", async () => {
    const t = await setupAdmin(s);
    const real = s.http.core.audit.list;
    s.http.core.audit.list = async () => {
      throw new Error("SELECT secret FROM internals");
    };
    try {
      const r = await s.call("GET", "/api/v1/audit", { headers: bearer(t.access_token) });
      assert.equal(r.status, 500);
      assert.deepEqual(Object.keys(r.body).sort(), ["code", "error", "request_id"]);
      assert.equal(r.body.error, "internal error");
      assert.ok(!r.text.includes("secret"));
    } finally {
      s.http.core.audit.list = real;
    }
  });

  it("rejects unsupported methods on known paths with an envelope", async () => {
    const r = await s.call("PUT", "/health");
    assert.equal(r.status, 405);
    assert.ok(isEnvelope(r.body));
    assert.match(r.headers.get("allow")!, /GET/);
  });

  it("serves an OpenAPI 3.1 document listing every registered route", async () => {
    const r = await s.call("GET", "/api/v1/openapi.json");
    assert.equal(r.status, 200);
    assert.equal(r.body.openapi, "3.1.0");
    assert.ok(r.body.components.schemas.Error);
    for (const route of s.http.routes) {
      const op = r.body.paths[toOpenApiPath(fullPath(route))]?.[route.method.toLowerCase()];
      assert.ok(op, `missing ${route.method} ${fullPath(route)}`);
      assert.equal(op["x-flotilla-role"], route.role);
      if (route.body) assert.ok(r.body.components.schemas[op.requestBody.content["application/json"].schema.$ref.split("/").pop()]);
    }
    const ids = Object.values(r.body.paths).flatMap((ops: any) => Object.values(ops).map((o: any) => o.operationId));
    assert.equal(new Set(ids).size, ids.length, "operation ids are unique");
    const create = r.body.paths["/api/v1/users"].post;
    const schema = r.body.components.schemas[create.requestBody.content["application/json"].schema.$ref.split("/").pop()];
    assert.deepEqual(schema.required.sort(), ["password", "username"]);
    assert.deepEqual(
      r.body.paths["/api/v1/users/{id}"].get.parameters.map((p: any) => [p.name, p.in]),
      [["id", "path"]],
    );
  });

  it("renders the API reference at /docs without external resources", async () => {
    const r = await s.call("GET", "/docs");
    assert.equal(r.status, 200);
    assert.match(r.headers.get("content-type")!, /text\/html/);
    assert.match(r.text, /openapi\.json/);
    assert.doesNotMatch(r.text, /(src|href)="https?:/);
    assert.match(r.headers.get("content-security-policy")!, /script-src 'sha256-/);
  });

  it("serves the UI with an index.html fallback outside /api", async () => {
    const root = await s.call("GET", "/");
    assert.equal(root.status, 200);
    assert.match(root.text, /Flotilla UI/);
    const deepLink = await s.call("GET", "/nodes/abc");
    assert.match(deepLink.text, /Flotilla UI/);
    const asset = await s.call("GET", "/assets/app.js");
    assert.match(asset.headers.get("content-type")!, /javascript/);
    assert.equal((await s.call("GET", "/assets/missing.js")).status, 404);
    const traversal = await rawGet(s.url, "/..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd");
    assert.equal(traversal.includes("root:"), false);
    assert.equal((await s.call("GET", "/api/v1/unknown")).body.code, "not_found");
  });

  it("audits every mutation, including failed logins, and filters the log", async () => {
    await s.call("POST", "/api/v1/auth/setup", { json: ADMIN });
    await s.call("POST", "/api/v1/auth/login", {
      json: { username: ADMIN.username, password: "wrong password" },
      headers: { "x-request-id": "audit-fail-1" },
    });
    const t = await s.call("POST", "/api/v1/auth/login", { json: ADMIN });
    const created = await s.call("POST", "/api/v1/users", {
      json: { username: "audited", password: "long enough password" },
      headers: { ...bearer(t.body.access_token), "x-request-id": "audit-create-1" },
    });
    const all = await s.call("GET", "/api/v1/audit?limit=500", { headers: bearer(t.body.access_token) });
    assert.equal(all.status, 200);
    const failed = all.body.items.find((e: any) => e.request_id === "audit-fail-1");
    assert.equal(failed.action, "auth.login");
    assert.equal(failed.details.outcome, "failure");
    assert.equal(failed.actor_name, "admin");
    const create = all.body.items.find((e: any) => e.request_id === "audit-create-1");
    assert.equal(create.action, "users.create");
    assert.equal(create.target_id, created.body.id);
    assert.equal(create.actor_id, t.body.user.id);
    assert.ok(!all.text.includes(ADMIN.password));
    const onlyCreates = await s.call("GET", "/api/v1/audit?action=users.create", { headers: bearer(t.body.access_token) });
    assert.ok(onlyCreates.body.items.length >= 1 && onlyCreates.body.items.every((e: any) => e.action === "users.create"));
    const prefix = await s.call("GET", "/api/v1/audit?action=auth.*&actor=admin", { headers: bearer(t.body.access_token) });
    assert.ok(prefix.body.items.every((e: any) => e.action.startsWith("auth.")));
    const future = await s.call("GET", `/api/v1/audit?since=${new Date(Date.now() + 60_000).toISOString()}`, {
      headers: bearer(t.body.access_token),
    });
    assert.deepEqual(future.body.items, []);
    const ts = all.body.items.map((e: any) => e.id);
    assert.deepEqual(ts, [...ts].sort().reverse(), "newest first");
  });
});
