import { strict as assert } from "node:assert";
import { z } from "zod";
import type { RouteDef } from "../../master/src/http/route.js";
import { concretePath, describeRoute, isWrite, operationsOf, realMasterOperations } from "./route-fixtures.js";
import { bearer, createUserWithKey, isEnvelope, setupAdmin, startTestServer, type TestServer } from "./helpers.js";

type Payload = { name: string; body: NonNullable<RequestInit["body"]>; type?: string; strict: boolean };

function propertiesOf(r: RouteDef): Record<string, { type?: string | string[] }> {
  if (!r.body) return {};
  const js = z.toJSONSchema(r.body, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, { type?: string }> };
  return js.properties ?? {};
}

function wrongValue(type: string | string[] | undefined): unknown {
  const t = Array.isArray(type) ? type[0] : type;
  if (t === undefined) return undefined;
  return t === "string" ? 12345 : "not-a-" + t;
}

function deep(n: number): string {
  return "[".repeat(n) + "]".repeat(n);
}

/** hostilePayloads builds the attack bodies for one write route; `strict` ones must get a 4xx. */
function hostilePayloads(r: RouteDef): Payload[] {
  const props = propertiesOf(r);
  const names = Object.keys(props);
  const wrongTyped = Object.fromEntries(names.map((k) => [k, wrongValue(props[k]!.type)]).filter(([, v]) => v !== undefined));
  const huge = names.length ? names.map((k) => `"${k}": 1e400`).join(",") : `"n": 1e400`;
  const out: Payload[] = [
    { name: "malformed JSON", body: '{"a": ', strict: true },
    { name: "top-level array", body: "[1,2,3]", strict: true },
    { name: "top-level string", body: '"hello"', strict: true },
    { name: "2 MiB body", body: JSON.stringify({ pad: "x".repeat(2 * 1024 * 1024) }), strict: true },
    { name: "1000-deep nesting", body: deep(1000), strict: true },
    { name: "1000-deep object nesting", body: '{"a":'.repeat(1000) + "1" + "}".repeat(1000), strict: true },
    {
      name: "non-UTF-8 bytes",
      body: Buffer.concat([Buffer.from('{"name": "'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('"}')]),
      strict: true,
    },
    { name: "UTF-16 body", body: Buffer.from('{"name":"x"}', "utf16le"), strict: true },
    { name: "wrong content type", body: "name=x", type: "application/x-www-form-urlencoded", strict: true },
    { name: "text/plain JSON", body: "{}", type: "text/plain", strict: true },
    { name: "JSON in another charset", body: "{}", type: "application/json; charset=latin1", strict: true },
    { name: "huge numbers", body: `{${huge}}`, strict: names.length > 0 || !r.body },
    { name: "huge integer literal", body: `{"limit": 123456789012345678901234567890, ${huge}}`, strict: names.length > 0 || !r.body },
    { name: "__proto__ key", body: '{"__proto__": {"polluted": true}}', strict: true },
    { name: "nested __proto__", body: '{"labels": {"__proto__": {"polluted": true}}, "x": {"__proto__": {"polluted": true}}}', strict: true },
  ];
  if (Object.keys(wrongTyped).length) out.push({ name: "wrong field types", body: JSON.stringify(wrongTyped), strict: true });
  return out;
}

/** REFUSED_STRINGS are the strings the edge rule refuses: a NUL byte and lone UTF-16 surrogates. */
const REFUSED_STRINGS: Array<{ name: string; value: string }> = [
  { name: "NUL byte", value: "ok\u0000name" },
  { name: "lone high surrogate", value: "ok\ud800" },
  { name: "lone low surrogate", value: "\udc00ok" },
];

/** stringBodies puts one refused string into each field of a route's body, shaped to the field's type. */
function stringBodies(r: RouteDef): Array<{ field: string; name: string; body: string }> {
  const props = propertiesOf(r);
  const fields = Object.keys(props).length ? Object.entries(props) : [["name", { type: "string" }] as const];
  const out: Array<{ field: string; name: string; body: string }> = [];
  for (const [field, prop] of fields) {
    const t = Array.isArray(prop.type) ? prop.type[0] : prop.type;
    for (const s of REFUSED_STRINGS) {
      const value = t === "object" ? { key: s.value } : t === "array" ? [s.value] : s.value;
      out.push({ field, name: s.name, body: JSON.stringify({ [field]: value }) });
      if (t === "object") out.push({ field, name: `${s.name} in a key`, body: JSON.stringify({ [field]: { [s.value]: "v" } }) });
    }
  }
  return out;
}

/** queryKeys names the query parameters a route declares, plus one it does not. */
function queryKeys(r: RouteDef): string[] {
  const js = r.query ? (z.toJSONSchema(r.query, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, unknown> }) : {};
  return [...Object.keys(js.properties ?? {}), "q"];
}

describe("http hostile input (every registered write route)", () => {
  let s: TestServer;
  let key: string;
  before(async () => {
    s = await startTestServer();
    s.ready.value = true;
    const admin = (await setupAdmin(s)).access_token;
    key = (await createUserWithKey(s, admin, "admin")).key;
  });
  after(async () => s.close());

  it("iterates every operation of the real master's openapi.json", async function () {
    this.timeout(60_000);
    const tested = operationsOf((await s.call("GET", "/api/v1/openapi.json")).body);
    assert.equal(tested.length, s.http.routes.length, "one operation per route of the table");
    assert.deepEqual(tested, await realMasterOperations(), "operations of the real master missing from (or extra in) the table");
  });

  it("answers every hostile body with a 4xx envelope, never a 5xx", async () => {
    const failures: string[] = [];
    const writes = s.http.routes.filter(isWrite);
    assert.ok(writes.length >= 10, `only ${writes.length} write routes`);
    for (const r of writes) {
      for (const p of hostilePayloads(r)) {
        const res = await s.call(r.method, concretePath(r), {
          body: p.body,
          headers: { ...bearer(key), "content-type": p.type ?? "application/json" },
        });
        const label = `${describeRoute(r)} [${p.name}] → ${res.status} ${res.text.slice(0, 160)}`;
        if (res.status >= 500) failures.push(label);
        else if (p.strict && (res.status < 400 || !isEnvelope(res.body))) failures.push(label);
        else if (res.status >= 400 && !isEnvelope(res.body)) failures.push(label);
      }
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined, "Object.prototype was polluted");
    assert.deepEqual(failures, []);
  });

  it("refuses NUL bytes and lone surrogates in every body field with 400 naming the field", async () => {
    const failures: string[] = [];
    const writes = s.http.routes.filter(isWrite);
    for (const r of writes) {
      for (const p of stringBodies(r)) {
        const res = await s.call(r.method, concretePath(r), { body: p.body, headers: { ...bearer(key), "content-type": "application/json" } });
        const details = (res.body as { details?: Array<{ field: string }> } | undefined)?.details ?? [];
        const named = details.some((d) => d.field === p.field || d.field.startsWith(`${p.field}.`));
        if (res.status !== 400 || !isEnvelope(res.body) || !named)
          failures.push(`${describeRoute(r)} ${p.field} [${p.name}] → ${res.status} ${res.text.slice(0, 160)}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  it("refuses NUL bytes and encoded surrogates in every path parameter and query parameter of every route with 400", async () => {
    const failures: string[] = [];
    const encoded = ["%00", "x%00y", "%ED%A0%80"];
    for (const r of s.http.routes) {
      for (const e of encoded) {
        for (const k of queryKeys(r)) {
          const res = await s.call(r.method, `${concretePath(r)}?${k}=${e}`, { headers: bearer(key) });
          if (res.status !== 400 || !isEnvelope(res.body)) failures.push(`${describeRoute(r)} ?${k}=${e} → ${res.status}, want 400`);
        }
        if (r.path.includes(":")) {
          const res = await s.call(r.method, concretePath(r).replace("placeholder-id", e), { headers: bearer(key) });
          if (res.status !== 400) failures.push(`${describeRoute(r)} path ${e} → ${res.status} ${res.text.slice(0, 120)}`);
        }
      }
    }
    const login = await s.call("POST", "/api/v1/auth/login", {
      body: JSON.stringify({ username: "adm\u0000in", password: "x".repeat(12) }),
      headers: { "content-type": "application/json" },
    });
    assert.equal(login.status, 400, login.text);
    assert.deepEqual(failures, []);
  });

  it("answers hostile query strings and paths on every route without a 5xx", async () => {
    const failures: string[] = [];
    const queries = [
      "limit=99999999999999999999999",
      "limit=-1&cursor=%E0%A4%A",
      "cursor=eyJfX3Byb3RvX18iOnt9fQ",
      "since=not-a-time&limit=1e400",
      "__proto__[polluted]=1&constructor[prototype][x]=1",
      "limit=1&limit=2",
    ];
    for (const r of s.http.routes) {
      for (const q of queries) {
        const res = await s.call(r.method, `${concretePath(r)}?${q}`, { headers: bearer(key) });
        if (res.status >= 500 || (res.status >= 400 && !isEnvelope(res.body))) failures.push(`${describeRoute(r)} ?${q} → ${res.status}`);
      }
      if (r.path.includes(":")) {
        const bad = concretePath(r).replace("placeholder-id", "%E0%A4%A");
        const res = await s.call(r.method, bad, { headers: bearer(key) });
        if (res.status !== 400 && res.status !== 404) failures.push(`${describeRoute(r)} bad percent-encoding → ${res.status}`);
        const long = concretePath(r).replace("placeholder-id", "x".repeat(5000));
        const res2 = await s.call(r.method, long, { headers: bearer(key) });
        if (res2.status >= 500) failures.push(`${describeRoute(r)} 5000-char id → ${res2.status}`);
      }
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(failures, []);
  });
});
