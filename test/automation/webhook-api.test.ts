import assert from "node:assert/strict";
import { parseAllowList } from "../../master/src/webhooks/ssrf.js";
import { postJson } from "../../master/src/webhooks/sender.js";
import { startReceiver } from "../helpers/receiver.js";
import { bearer, setupAdmin, startTestServer, type TestServer } from "../http/helpers.js";

describe("webhook API: fields, validation, outbound guard, rotation", () => {
  let s: TestServer;
  let h: Record<string, string>;
  before(async () => {
    s = await startTestServer();
    h = bearer((await setupAdmin(s)).access_token);
  });
  after(async () => s.close());
  const create = (json: unknown) => s.call("POST", "/api/v1/webhooks", { json, headers: h });
  const fieldOf = (r: { body: any }) => r.body?.details?.map((d: { field: string }) => d.field);

  it("refuses metadata, link-local and loopback targets and user:pass URLs with a 400 naming the url field", async () => {
    for (const url of [
      "http://169.254.169.254/latest/meta-data/",
      "http://2852039166/latest/meta-data/",
      "http://[::ffff:169.254.169.254]/",
      "http://[fe80::1]/",
      "http://127.0.0.1:8080/hook",
      "http://localhost:8080/hook",
      "http://10.1.2.3/hook",
      "http://user:pass@hooks.example.com/hook",
      "ftp://hooks.example.com/",
      "not a url",
    ]) {
      const r = await create({ name: "x", url, event_types: ["node.*"] });
      assert.equal(r.status, 400, `${url}: ${r.status} ${r.text}`);
      assert.equal(r.body.code, "invalid_argument");
      assert.deepEqual(fieldOf(r), ["url"], url);
    }
    const metadata = await create({ name: "x", url: "http://169.254.169.254/", event_types: ["node.*"] });
    assert.match(metadata.body.details[0].message, /link-local|metadata/);
    const userinfo = await create({ name: "x", url: "http://user:pass@hooks.example.com/", event_types: ["node.*"] });
    assert.match(userinfo.body.details[0].message, /user:password/);
  });

  it("checks the resolved address again at connect time", async () => {
    const rx = await startReceiver();
    try {
      const port = new URL(rx.url).port;
      const refused = await postJson(`http://localhost:${port}/hook`, {}, "{}", { allow: parseAllowList(""), timeoutMs: 1_000 });
      assert.match(refused.error ?? "", /refused: 127\.0\.0\.1 is a loopback/);
      assert.equal(rx.got.length, 0, "nothing reached the receiver");
      const allowed = await postJson(`http://localhost:${port}/hook`, {}, "{}", { allow: parseAllowList("127.0.0.0/8"), timeoutMs: 1_000 });
      assert.equal(allowed.statusCode, 200);
      const metadata = await postJson("http://169.254.169.254/", {}, "{}", { allow: parseAllowList("169.254.0.0/16"), timeoutMs: 1_000 });
      assert.match(metadata.error ?? "", /refused/, "metadata stays refused even when listed");
    } finally {
      await rx.close();
    }
  });

  it("rejects bad globs, unknown event types, bad selectors and bad secrets, naming the field", async () => {
    const cases: Array<[unknown, string]> = [
      [{ name: "x", url: "https://hooks.example.com/", event_types: ["no.such.type"] }, "event_types.0"],
      [{ name: "x", url: "https://hooks.example.com/", event_types: ["node.**"] }, "event_types.0"],
      [{ name: "x", url: "https://hooks.example.com/", event_types: ["*.offline"] }, "event_types.0"],
      [{ name: "x", url: "https://hooks.example.com/", event_types: [] }, "event_types"],
      [{ name: "x", url: "https://hooks.example.com/", event_types: ["node.*"], labels: "no-equals" }, "labels"],
      [{ name: "x", url: "https://hooks.example.com/", event_types: ["node.*"], secret: "plain" }, "secret"],
    ];
    for (const [json, field] of cases) {
      const r = await create(json);
      assert.equal(r.status, 400, `${JSON.stringify(json)}: ${r.text}`);
      assert.ok(
        fieldOf(r)?.some((f: string) => f === field || f.startsWith(field)),
        `${JSON.stringify(json)} names ${field}: ${r.text}`,
      );
    }
  });

  it("creates, lists, updates, rotates and deletes; the secret is shown on create and rotate only", async () => {
    const c = await create({ name: "ops", url: "https://hooks.example.com/in", event_types: ["node.*", "scan.completed"], labels: "env=prod" });
    assert.equal(c.status, 201, c.text);
    assert.match(c.body.secret, /^whsec_/);
    assert.deepEqual(c.body.event_types, ["node.*", "scan.completed"]);
    assert.equal(c.body.labels, "env=prod");
    const list = await s.call("GET", "/api/v1/webhooks", { headers: h });
    assert.equal(list.body.items.length, 1);
    assert.equal(list.body.items[0].secret, undefined);
    const p = await s.call("PATCH", `/api/v1/webhooks/${c.body.id}`, { json: { enabled: false, event_types: ["alert.*"] }, headers: h });
    assert.equal(p.status, 200);
    assert.equal(p.body.enabled, false);
    const rot = await s.call("POST", `/api/v1/webhooks/${c.body.id}/rotate-secret`, { headers: h });
    assert.equal(rot.status, 200, rot.text);
    assert.notEqual(rot.body.secret, c.body.secret);
    assert.ok(Date.parse(rot.body.previous_secret_expires_at) - Date.now() > 23 * 3_600_000);
    const test = await s.call("POST", `/api/v1/webhooks/${c.body.id}/test`, { headers: h });
    assert.equal(test.status, 202);
    assert.match(test.body.delivery_id, /^whd_/);
    const log = await s.call("GET", `/api/v1/webhooks/${c.body.id}/deliveries`, { headers: h });
    assert.equal(log.body.items[0].id, test.body.delivery_id);
    assert.equal(JSON.parse(log.body.items[0].request_body).type, "webhook.test");
    const re = await s.call("POST", `/api/v1/webhooks/${c.body.id}/deliveries/${test.body.delivery_id}/redeliver`, { headers: h });
    assert.equal(re.status, 202);
    const log2 = await s.call("GET", `/api/v1/webhooks/${c.body.id}/deliveries?limit=1`, { headers: h });
    assert.equal(log2.body.items[0].id, re.body.delivery_id, "newest first");
    assert.equal(log2.body.items[0].event_id, log.body.items[0].event_id, "a redelivery keeps the webhook-id");
    assert.equal(log2.body.page.has_more, true);
    const missing = await s.call("POST", `/api/v1/webhooks/${c.body.id}/deliveries/whd_missing/redeliver`, { headers: h });
    assert.equal(missing.status, 404);
    assert.equal((await s.call("DELETE", `/api/v1/webhooks/${c.body.id}`, { headers: h })).status, 200);
    assert.equal((await s.call("GET", `/api/v1/webhooks/${c.body.id}`, { headers: h })).status, 404);
  });
});
