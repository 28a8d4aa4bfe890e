import { strict as assert } from "node:assert";
import type { RouteDef } from "../../master/src/http/route.js";
import { removeContainers, requireDocker } from "../containers/harness.js";
import { waitFor } from "../helpers/processes.js";
import { checkBody, indexRoutes, startRealFleet, type OpenApiDoc, type RealFleet, type RouteIndex } from "./response-fixtures.js";
import { startTestServer } from "./helpers.js";

const JSON_TYPE = "application/json";

/**
 * Response schemas: openapi.json declares the body of every JSON success
 * answer, and the real master's answers match the declared schemas. The
 * answers come from a real master process with real data: a node enrolled
 * by a real worker, containers of the local Docker engine, two finished
 * scans with their findings and census, a schedule, a fired alert and its
 * notification, a silence, a webhook with a delivery, a channel, a command.
 */
describe("http response schemas (every JSON operation of openapi.json)", function () {
  this.timeout(300_000);
  let routes: RouteDef[];
  let index: RouteIndex;
  let fleet: RealFleet | undefined;
  let doc: OpenApiDoc;
  const ids: Record<string, string> = {};
  /** Operations ("GET /api/v1/nodes/{id}") whose real answer was validated, with the failures seen. */
  const validated = new Set<string>();
  const failures: string[] = [];

  /** call sends a request (full path) as the admin and checks a 2xx JSON answer against the route's schema. */
  async function call<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const m = fleet!.master;
    const res = await fetch(`${m.http}${path}`, {
      method,
      headers: { authorization: `Bearer ${m.api.token}`, ...(body === undefined ? {} : { "content-type": JSON_TYPE }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    const full = new URL(res.url).pathname;
    const route = index.find(method, full);
    const label = `${method} ${full}`;
    if (!route) failures.push(`${label}: no route in the registry`);
    const json = (res.headers.get("content-type") ?? "").startsWith(JSON_TYPE);
    const parsed: unknown = json && text ? JSON.parse(text) : text;
    if (route && res.status >= 200 && res.status < 300 && json) {
      if (!route.response) failures.push(`${label}: answered JSON but declares no response schema`);
      else {
        const bad = checkBody(route.response, parsed);
        if (bad) failures.push(`${label}: ${bad}`);
        validated.add(`${method} ${routeTemplate(route)}`);
      }
    }
    return { status: res.status, body: parsed as T };
  }
  const ok = async <T = any>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await call<T>(method, `/api/v1${path}`, body);
    if (r.status < 200 || r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const routeTemplate = (r: RouteDef) => `${r.absolute ? "" : "/api/v1"}${r.path.replace(/:([A-Za-z0-9_]+)/g, "{$1}")}`;

  before(async function () {
    requireDocker(this);
    // The zod schemas come from the registry the master serves; its route list is the same in process.
    const s = await startTestServer();
    routes = s.http.routes;
    await s.close();
    index = indexRoutes(routes);
    fleet = await startRealFleet();
    doc = (await (await fetch(`${fleet.master.http}/api/v1/openapi.json`)).json()) as OpenApiDoc;
    await seed();
  });
  after(async () => {
    await fleet?.cleanup();
    removeContainers();
  });

  /** seed makes at least one of every listed thing through the API, validating each write's answer too. */
  async function seed(): Promise<void> {
    const f = fleet!;
    ids.node = f.nodeId;
    ids.container = f.containerId;
    ids.user = (await ok<{ id: string }>("GET", "/auth/me")).id;
    ids.token = (await ok<{ items: { id: string }[] }>("GET", "/enrollment-tokens")).items[0]!.id;
    await ok("POST", "/api-keys", { name: "schemas", role: "viewer" });
    await ok("PATCH", `/nodes/${f.nodeId}`, { labels: { role: "schemas", tier: "test" } });
    ids.channel = (await ok<{ id: string }>("POST", "/notification-channels", { name: "hook", kind: "webhook", config: { url: f.receiver.url } })).id;
    await ok("POST", `/notification-channels/${ids.channel}/test`);
    ids.rule = (
      await ok<{ id: string }>("POST", "/alert-rules", {
        name: "new findings",
        kind: "finding_opened",
        severity: "low",
        for_seconds: 0,
        params: { min_severity: "info" },
        channel_ids: [ids.channel],
      })
    ).id;
    await ok("PATCH", `/alert-rules/${ids.rule}`, { repeat_seconds: 3600 });
    ids.webhook = (await ok<{ id: string }>("POST", "/webhooks", { name: "all", url: f.receiver.url, event_types: ["*"] })).id;
    await ok("POST", `/webhooks/${ids.webhook}/test`);
    await ok("PATCH", `/webhooks/${ids.webhook}`, { name: "everything" });
    await ok("POST", "/silences", { labels: "tier=none", ends_at: new Date(Date.now() + 3_600_000).toISOString(), comment: "schemas" });
    ids.schedule = (await ok<{ id: string }>("POST", "/schedules", { name: "hourly", interval_seconds: 3600, targets: { all: true } })).id;
    await ok("PATCH", `/schedules/${ids.schedule}`, { enabled: false });
    await waitFor(
      async () => (await ok<{ items: { id: string }[] }>("GET", `/nodes/${f.nodeId}/containers`)).items.some((c) => c.id === f.containerId),
      30_000,
      "the container in the inventory",
      250,
    );
    ids.command = (await ok<{ id: string }>("POST", `/nodes/${f.nodeId}/containers/${f.containerId}/actions`, { action: "restart" })).id;
    const scan = async () => {
      const { scan_id } = await ok<{ scan_id: string }>("POST", "/scans", { targets: { node_ids: [f.nodeId] } });
      await waitFor(
        async () => ["completed", "failed"].includes((await ok<{ status: string }>("GET", `/scans/${scan_id}`)).status),
        120_000,
        "scan end",
        500,
      );
      return scan_id;
    };
    ids.base = await scan();
    ids.scan = await scan();
    ids.finding = (await ok<{ items: { fingerprint: string }[] }>("GET", "/findings")).items[0]?.fingerprint ?? "none";
    if (ids.finding !== "none") await ok("PATCH", `/findings/${ids.finding}`, { status: "acknowledged", note: "seen" });
    await waitFor(async () => (await ok<{ items: unknown[] }>("GET", "/alerts")).items.length > 0, 30_000, "a fired alert", 250);
    ids.alert = (await ok<{ items: { id: string }[] }>("GET", "/alerts")).items[0]!.id;
    await ok("POST", `/alerts/${ids.alert}/acknowledge`);
    await waitFor(async () => (await ok<{ count: number }>("GET", "/notifications/unread-count")).count > 0, 15_000, "a notification", 250);
    await waitFor(
      async () => (await ok<{ items: unknown[] }>("GET", `/webhooks/${ids.webhook}/deliveries`)).items.length > 0,
      15_000,
      "a delivery",
      250,
    );
    await waitFor(
      async () => (await ok<{ latest_ts: string | null }>("GET", `/nodes/${f.nodeId}/metrics`)).latest_ts !== null,
      15_000,
      "metrics",
      250,
    );
  }

  it("declares a response schema for every JSON success answer", () => {
    const missing: string[] = [];
    for (const [path, item] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(item)) {
        for (const [status, res] of Object.entries(op.responses)) {
          if (!status.startsWith("2")) continue;
          const label = `${method.toUpperCase()} ${path} ${status}`;
          if (status === "204") {
            if (res.content) missing.push(`${label}: a 204 with a body`);
            continue;
          }
          // A success answer with a body declares it: JSON with a schema, or its other media types.
          if (!res.content || !Object.keys(res.content).length) missing.push(`${label}: no response body declared`);
          const ref = res.content?.[JSON_TYPE]?.schema?.$ref;
          if (res.content?.[JSON_TYPE] && !(ref && doc.components.schemas[ref.split("/").pop()!]))
            missing.push(`${label}: JSON without a schema in components`);
        }
      }
    assert.deepEqual(missing, []);
  });

  it("gives every registered route a response schema or a non-JSON media type", () => {
    const bare = routes.filter((r) => (r.status ?? 200) !== 204 && !r.response && !r.produces?.length).map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(bare, []);
  });

  it("validates the real answer of every list and get route against its schema", async () => {
    const pathIds: Record<string, string> = {
      nodes: ids.node!,
      users: ids.user!,
      "enrollment-tokens": ids.token!,
      commands: ids.command!,
      scans: ids.scan!,
      schedules: ids.schedule!,
      webhooks: ids.webhook!,
      "notification-channels": ids.channel!,
      "alert-rules": ids.rule!,
    };
    const queries: Record<string, string> = {
      "/api/v1/scans/compare": `?base=${ids.base}&head=${ids.scan}`,
      "/api/v1/nodes/{id}/metrics": "?since=-5m",
    };
    const gets = Object.entries(doc.paths)
      .filter(([, item]) => item.get?.responses["200"]?.content?.[JSON_TYPE])
      .map(([p]) => p);
    assert.ok(gets.length >= 40, `only ${gets.length} JSON GET operations`);
    const empty: string[] = [];
    for (const template of gets) {
      const resource = /^\/api\/v1\/([^/]+)/.exec(template)?.[1] ?? "";
      const path = template
        .replace("{id}", pathIds[resource] ?? "no-fixture")
        .replace("{cid}", ids.container!)
        .replace("{fingerprint}", ids.finding!);
      const r = await call<{ items?: unknown[] }>("GET", `${path}${queries[template] ?? ""}`);
      if (r.status !== 200) failures.push(`GET ${template}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
      else if (Array.isArray(r.body.items) && r.body.items.length === 0) empty.push(template);
    }
    const unchecked = gets.filter((g) => !validated.has(`GET ${g}`));
    assert.deepEqual(failures, [], "answers that do not match their schema");
    assert.deepEqual(unchecked, [], "JSON GET operations whose answer was not validated");
    assert.deepEqual(empty, [], "lists that came back empty, so their item schema was not exercised");
  });

  it("validates the answers of the writes that made the data", () => {
    for (const op of ["POST /api/v1/scans", "POST /api/v1/webhooks", "POST /api/v1/alert-rules", "POST /api/v1/nodes/{id}/containers/{cid}/actions"])
      assert.ok(validated.has(op), `${op} not validated`);
    assert.deepEqual(failures, []);
  });
});
