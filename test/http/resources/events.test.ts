import assert from "node:assert/strict";
import { EVENT_TYPES } from "../../../master/src/events/types.js";
import { createEventRoutes } from "../../../master/src/http/routes/events.js";
import { createTestContext, invoke, VIEWER, type TestContext } from "./helpers.js";

describe("GET /events", () => {
  let t: TestContext;
  let routes: ReturnType<typeof createEventRoutes>;
  const get = async (query: Record<string, string>) => {
    const r = await invoke(routes, "GET", "/events", { query, principal: VIEWER });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  };
  const types = (b: any) => b.items.map((e: any) => e.type);

  beforeEach(async () => {
    t = await createTestContext();
    routes = createEventRoutes(t.ctx);
  });
  afterEach(() => t.close());

  it("filters by exact type, prefix, node and since; newest first", async () => {
    const bus = t.ctx.bus;
    const first = bus.publish("node.online", {}, "n1");
    bus.publish("scan.completed", { scan_id: "s1" });
    bus.publish("node.offline", {}, "n2");
    bus.publish("node.updated", { name: "x" }, "n1");
    assert.deepEqual(types(await get({})), ["node.updated", "node.offline", "scan.completed", "node.online"]);
    assert.deepEqual(types(await get({ type: "node.*" })), ["node.updated", "node.offline", "node.online"]);
    assert.deepEqual(types(await get({ type: "scan.completed" })), ["scan.completed"]);
    assert.deepEqual(types(await get({ type: "scan.completed,node.offline" })), ["node.offline", "scan.completed"]);
    assert.deepEqual(types(await get({ node_id: "n1" })), ["node.updated", "node.online"]);
    assert.deepEqual(types(await get({ since: first.id })), ["node.updated", "node.offline", "scan.completed"]);
    assert.equal((await get({ since: new Date(Date.now() + 60_000).toISOString() })).items.length, 0);
    assert.equal((await get({ since: new Date(Date.now() - 60_000).toISOString() })).items.length, 4);
    const e = (await get({ type: "scan.completed" })).items[0];
    assert.deepEqual(Object.keys(e).sort(), ["data", "id", "ts", "type"]);
    assert.deepEqual(e.data, { scan_id: "s1" });
  });

  it("pages newest first with no gaps or duplicates", async () => {
    const published = Array.from({ length: 12 }, (_, i) => t.ctx.bus.publish("node.online", { i }, `n${i}`).id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const b = await get({ limit: "5", ...(cursor ? { cursor } : {}) });
      seen.push(...b.items.map((e: any) => e.id));
      cursor = b.page.next_cursor ?? undefined;
    } while (cursor);
    assert.deepEqual(seen, published.reverse());
  });

  it("rejects malformed filters with 400", async () => {
    for (const query of [{ type: "Node Online" }, { since: "yesterday!" }, { cursor: "%%%" }, { limit: "abc" }] as Record<string, string>[]) {
      const r = await invoke(routes, "GET", "/events", { query });
      assert.equal(r.status, 400, JSON.stringify(query));
      assert.equal(r.body.code, "invalid_argument");
    }
  });

  it("serves the event type catalogue", async () => {
    const r = await invoke(routes, "GET", "/events/types", { principal: VIEWER });
    assert.equal(r.body.items.length, Object.keys(EVENT_TYPES).length);
    assert.ok(r.body.items.some((x: any) => x.type === "node.enrolled" && x.description));
  });
});
