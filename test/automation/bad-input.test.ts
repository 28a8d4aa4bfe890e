import assert from "node:assert/strict";
import { fullPath } from "../../master/src/http/middleware/route-match.js";
import { bearer, isEnvelope, setupAdmin, startTestServer, type TestServer } from "../http/helpers.js";

/** Case is one bad request: the body sent and the field the 400 must name, or a 404 for an unknown id. */
type Case = { what: string; path?: string; json?: unknown; status?: 400 | 404; field?: string };

const AUTOMATION = /^\/api\/v1\/(webhooks|notification-channels|alert-rules|alerts|silences|notifications)\b/;
const future = () => new Date(Date.now() + 3_600_000).toISOString();

/**
 * Bad input on every write route of webhooks, channels, alert rules,
 * alerts, silences and notifications: each answers a 4xx envelope naming
 * the field (or 404 for an unknown id). The table must list every such
 * route of the registry, so a new route without cases fails here.
 */
describe("automation routes: bad input on every write route answers a 4xx naming the field", function () {
  this.timeout(60_000);
  let s: TestServer;
  let h: Record<string, string>;
  const ids = { webhook: "", channel: "", rule: "" };

  before(async () => {
    s = await startTestServer();
    h = bearer((await setupAdmin(s)).access_token);
    ids.webhook = (
      await s.call("POST", "/api/v1/webhooks", { json: { name: "w", url: "https://hooks.example.com/in", event_types: ["node.*"] }, headers: h })
    ).body.id;
    ids.channel = (
      await s.call("POST", "/api/v1/notification-channels", {
        json: { name: "c", kind: "slack", config: { url: "https://hooks.example.com/slack" } },
        headers: h,
      })
    ).body.id;
    ids.rule = (
      await s.call("POST", "/api/v1/alert-rules", { json: { name: "r", kind: "node_offline", severity: "high", for_seconds: 60 }, headers: h })
    ).body.id;
    assert.ok(ids.webhook && ids.channel && ids.rule, "fixtures created");
  });
  after(async () => s?.close());

  const rule = (extra: Record<string, unknown>) => ({
    name: "r",
    kind: "metric_threshold",
    severity: "high",
    for_seconds: 60,
    params: { metric: "cpu", threshold: 0.9 },
    ...extra,
  });
  const hook = (extra: Record<string, unknown>) => ({ name: "w", url: "https://hooks.example.com/in", event_types: ["node.*"], ...extra });
  const notFound = (path: string): Case => ({ what: "unknown id", path, status: 404 });

  const table = (): Record<string, Case[]> => ({
    "POST /api/v1/webhooks": [
      { what: "metadata address", json: hook({ url: "http://169.254.169.254/" }), field: "url" },
      { what: "loopback without the allow list", json: hook({ url: "http://127.0.0.1:9/" }), field: "url" },
      { what: "user:pass in the URL", json: hook({ url: "https://u:p@hooks.example.com/" }), field: "url" },
      { what: "not a URL", json: hook({ url: "hooks" }), field: "url" },
      { what: "bad glob", json: hook({ event_types: ["node.**"] }), field: "event_types.0" },
      { what: "unknown event type", json: hook({ event_types: ["node.exploded"] }), field: "event_types.0" },
      { what: "bad selector", json: hook({ labels: "env" }), field: "labels" },
      { what: "missing name", json: { url: "https://hooks.example.com/", event_types: ["node.*"] }, field: "name" },
    ],
    "PATCH /api/v1/webhooks/:id": [
      { what: "bad URL", path: `/api/v1/webhooks/${ids.webhook}`, json: { url: "http://[fe80::1]/" }, field: "url" },
      { what: "unknown event type", path: `/api/v1/webhooks/${ids.webhook}`, json: { event_types: ["nope.*"] }, field: "event_types.0" },
      { what: "bad selector", path: `/api/v1/webhooks/${ids.webhook}`, json: { labels: "=x" }, field: "labels" },
      { ...notFound("/api/v1/webhooks/whk_missing"), json: { enabled: false } },
    ],
    "DELETE /api/v1/webhooks/:id": [notFound("/api/v1/webhooks/whk_missing")],
    "POST /api/v1/webhooks/:id/test": [notFound("/api/v1/webhooks/whk_missing/test")],
    "POST /api/v1/webhooks/:id/rotate-secret": [notFound("/api/v1/webhooks/whk_missing/rotate-secret")],
    "POST /api/v1/webhooks/:id/deliveries/:delivery_id/redeliver": [notFound(`/api/v1/webhooks/${ids.webhook}/deliveries/whd_missing/redeliver`)],
    "POST /api/v1/notification-channels": [
      { what: "unknown kind", json: { name: "c", kind: "pager", config: {} }, field: "kind" },
      { what: "metadata URL", json: { name: "c", kind: "slack", config: { url: "http://169.254.169.254/" } }, field: "config.url" },
      { what: "missing URL", json: { name: "c", kind: "discord", config: {} }, field: "config.url" },
      { what: "bad email address", json: { name: "c", kind: "email", config: { to: ["ops at example"] } }, field: "config.to.0" },
      { what: "email without recipients", json: { name: "c", kind: "email", config: { to: [] } }, field: "config.to" },
    ],
    "PATCH /api/v1/notification-channels/:id": [
      {
        what: "bad URL",
        path: `/api/v1/notification-channels/${ids.channel}`,
        json: { config: { url: "ftp://hooks.example.com/" } },
        field: "config.url",
      },
      {
        what: "kind changed to email without recipients",
        path: `/api/v1/notification-channels/${ids.channel}`,
        json: { kind: "email" },
        field: "config.to",
      },
      { ...notFound("/api/v1/notification-channels/chn_missing"), json: { name: "x" } },
    ],
    "DELETE /api/v1/notification-channels/:id": [notFound("/api/v1/notification-channels/chn_missing")],
    "POST /api/v1/notification-channels/:id/test": [notFound("/api/v1/notification-channels/chn_missing/test")],
    "POST /api/v1/alert-rules": [
      { what: "unknown kind", json: rule({ kind: "disk_full" }), field: "kind" },
      { what: "unknown severity", json: rule({ severity: "urgent" }), field: "severity" },
      { what: "negative duration", json: rule({ for_seconds: -1 }), field: "for_seconds" },
      { what: "fractional duration", json: rule({ for_seconds: 1.5 }), field: "for_seconds" },
      { what: "duration as text", json: rule({ for_seconds: "10m" }), field: "for_seconds" },
      { what: "duration over a week", json: rule({ for_seconds: 8 * 86_400 }), field: "for_seconds" },
      { what: "bad repeat interval", json: rule({ repeat_seconds: -60 }), field: "repeat_seconds" },
      { what: "bad selector", json: rule({ labels: "env" }), field: "labels" },
      { what: "unknown channel id", json: rule({ channel_ids: ["chn_nope"] }), field: "channel_ids.0" },
      { what: "unknown metric", json: rule({ params: { metric: "disk", threshold: 0.9 } }), field: "params.metric" },
      { what: "threshold missing", json: rule({ params: { metric: "cpu" } }), field: "params.threshold" },
      { what: "ratio above 1", json: rule({ kind: "group_offline_ratio", params: { ratio: 2 } }), field: "params.ratio" },
      { what: "bad container glob", json: rule({ kind: "container_down", params: { container: "a b" } }), field: "params.container" },
      { what: "bad restart window", json: rule({ kind: "container_down", params: { window_seconds: 1 } }), field: "params.window_seconds" },
      {
        what: "unknown severity threshold",
        json: rule({ kind: "finding_opened", params: { min_severity: "urgent" } }),
        field: "params.min_severity",
      },
      { what: "parameter of another kind", json: rule({ kind: "node_offline", params: { threshold: 1 } }), field: "params.threshold" },
      { what: "bad burst size", json: rule({ kind: "enrollment_rejections", params: { count: 0 } }), field: "params.count" },
      { what: "bad expiry horizon", json: rule({ kind: "cert_expiring", params: { days: 0 } }), field: "params.days" },
    ],
    "PATCH /api/v1/alert-rules/:id": [
      { what: "negative duration", path: `/api/v1/alert-rules/${ids.rule}`, json: { for_seconds: -5 }, field: "for_seconds" },
      {
        what: "unknown channel id",
        path: `/api/v1/alert-rules/${ids.rule}`,
        json: { channel_ids: [ids.channel, "chn_nope"] },
        field: "channel_ids.1",
      },
      {
        what: "kind changed without its parameters",
        path: `/api/v1/alert-rules/${ids.rule}`,
        json: { kind: "metric_threshold" },
        field: "params.threshold",
      },
      { what: "bad selector", path: `/api/v1/alert-rules/${ids.rule}`, json: { labels: "a=b,c" }, field: "labels" },
      { ...notFound("/api/v1/alert-rules/alr_missing"), json: { enabled: false } },
    ],
    "DELETE /api/v1/alert-rules/:id": [notFound("/api/v1/alert-rules/alr_missing")],
    "POST /api/v1/alerts/:id/acknowledge": [notFound("/api/v1/alerts/alt_missing/acknowledge")],
    "POST /api/v1/alerts/:id/resolve": [notFound("/api/v1/alerts/alt_missing/resolve")],
    "POST /api/v1/silences": [
      { what: "end time in the past", json: { rule_id: ids.rule, ends_at: new Date(Date.now() - 60_000).toISOString() }, field: "ends_at" },
      { what: "end time not a time", json: { rule_id: ids.rule, ends_at: "tomorrow" }, field: "ends_at" },
      { what: "neither rule nor selector", json: { ends_at: future() }, field: "rule_id" },
      { what: "unknown rule", json: { rule_id: "alr_nope", ends_at: future() }, field: "rule_id" },
      { what: "bad selector", json: { labels: "env", ends_at: future() }, field: "labels" },
      { what: "unknown field", json: { rule_id: ids.rule, ends_at: future(), until: "x" }, field: "until" },
    ],
    "DELETE /api/v1/silences/:id": [notFound("/api/v1/silences/sil_missing")],
    "POST /api/v1/notifications/:id/read": [notFound("/api/v1/notifications/ntf_missing/read")],
    // read-all takes no input at all: there is nothing to get wrong
    "POST /api/v1/notifications/read-all": [],
  });

  it("lists every automation write route of the registry", () => {
    const writes = s.http.routes
      .filter((r) => r.method !== "GET")
      .map((r) => `${r.method} ${fullPath(r)}`)
      .filter((k) => AUTOMATION.test(k.split(" ")[1]!))
      .sort();
    assert.ok(writes.length >= 19, `only ${writes.length} automation write routes`);
    assert.deepEqual(Object.keys(table()).sort(), writes, "every automation write route has bad-input cases");
  });

  it("answers each case with a 4xx envelope naming the field, or 404 for an unknown id", async () => {
    const failures: string[] = [];
    for (const [route, cases] of Object.entries(table())) {
      const [method, template] = route.split(" ") as [string, string];
      for (const c of cases) {
        const path = c.path ?? template;
        const r = await s.call(method, path, { ...(c.json !== undefined ? { json: c.json } : {}), headers: h });
        const want = c.status ?? 400;
        const fields: string[] = (r.body?.details ?? []).map((d: { field: string }) => d.field);
        const label = `${route} [${c.what}] → ${r.status} ${r.text.slice(0, 200)}`;
        if (r.status !== want || !isEnvelope(r.body)) failures.push(label);
        else if (c.field && !fields.includes(c.field)) failures.push(`${label} (want field ${c.field})`);
      }
    }
    assert.deepEqual(failures, []);
  });
});
