import { strict as assert } from "node:assert";
import { ROLE_RANK } from "../../master/src/http/route.js";
import { concretePath, describeRoute, ROLES, operationsOf, realMasterOperations } from "./route-fixtures.js";
import { bearer, createUserWithKey, isEnvelope, setupAdmin, startTestServer, type TestServer } from "./helpers.js";

/**
 * The role table: every route of the registry is called without credentials
 * and as viewer, operator and admin. A route must answer 401 without
 * credentials (unless public), 403 below its role, and neither at or above it.
 */
describe("http role table (every registered route)", () => {
  let s: TestServer;
  const keys: Record<"viewer" | "operator" | "admin", string> = { viewer: "", operator: "", admin: "" };
  before(async () => {
    s = await startTestServer();
    s.ready.value = true;
    const admin = (await setupAdmin(s)).access_token;
    for (const role of ["viewer", "operator", "admin"] as const) keys[role] = (await createUserWithKey(s, admin, role)).key;
  });
  after(async () => s.close());

  it("covers a non-trivial registry", () => {
    assert.ok(s.http.routes.length >= 20, `only ${s.http.routes.length} routes`);
  });

  it("iterates every operation of the real master's openapi.json", async function () {
    this.timeout(60_000);
    const tested = operationsOf((await s.call("GET", "/api/v1/openapi.json")).body);
    assert.equal(tested.length, s.http.routes.length, "one operation per route of the table");
    assert.deepEqual(tested, await realMasterOperations(), "operations of the real master missing from (or extra in) the table");
  });

  it("gives every route a known role", () => {
    const bad = s.http.routes.filter((r) => !(ROLES as readonly string[]).includes(r.role)).map(describeRoute);
    assert.deepEqual(bad, [], "routes without a valid role");
  });

  it("answers each route by role", async () => {
    const failures: string[] = [];
    for (const r of s.http.routes) {
      if (!(ROLES as readonly string[]).includes(r.role)) continue;
      const path = concretePath(r);
      const anon = await s.call(r.method, path);
      if (r.role === "public") {
        if (anon.status === 401 || anon.status === 403) failures.push(`${describeRoute(r)} public but ${anon.status} without credentials`);
      } else if (anon.status !== 401 || !isEnvelope(anon.body))
        failures.push(`${describeRoute(r)} expected 401 without credentials, got ${anon.status}`);
      const bogus = await s.call(r.method, path, { headers: bearer("flk_not-a-real-key") });
      if (r.role !== "public" && bogus.status !== 401) failures.push(`${describeRoute(r)} expected 401 with a bad key, got ${bogus.status}`);
      for (const role of ["viewer", "operator", "admin"] as const) {
        const res = await s.call(r.method, path, { headers: bearer(keys[role]) });
        const allowed = r.role === "public" || ROLE_RANK[role] >= ROLE_RANK[r.role];
        if (res.status >= 500) failures.push(`${describeRoute(r)} as ${role}: ${res.status} ${res.text.slice(0, 200)}`);
        else if (allowed && (res.status === 401 || res.status === 403))
          failures.push(`${describeRoute(r)} as ${role}: expected access, got ${res.status}`);
        else if (!allowed && (res.status !== 403 || res.body?.code !== "permission_denied"))
          failures.push(`${describeRoute(r)} as ${role}: expected 403, got ${res.status}`);
      }
    }
    assert.deepEqual(failures, []);
  });
});
