import { strict as assert } from "node:assert";
import { bearer, createUserWithKey, setupAdmin, startTestServer, type TestServer } from "./helpers.js";

describe("http last-admin rule under concurrency", function () {
  this.timeout(120_000);
  let s: TestServer;
  let token: string;
  let selfId: string;
  let otherId: string;
  before(async () => {
    s = await startTestServer();
    const t = await setupAdmin(s);
    token = t.access_token;
    selfId = t.user.id;
    otherId = (await createUserWithKey(s, token, "admin")).userId;
  });
  after(async () => s.close());

  const admins = () => s.ctx.db.user.count({ where: { role: "admin" } });

  it("keeps at least one admin over 50 races of 'demote the other admin' against 'demote myself'", async () => {
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 50; i++) {
      await s.ctx.db.user.updateMany({ where: { id: { in: [selfId, otherId] } }, data: { role: "admin" } });
      const [a, b] = await Promise.all([
        s.call("PATCH", `/api/v1/users/${otherId}`, { json: { role: "viewer" }, headers: bearer(token) }),
        s.call("PATCH", `/api/v1/users/${selfId}`, { json: { role: "operator" }, headers: bearer(token) }),
      ]);
      const key = `${a.status}/${b.status}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      assert.ok(a.status < 500 && b.status < 500, `race ${i}: ${a.status} ${a.text} / ${b.status} ${b.text}`);
      assert.ok((await admins()) >= 1, `race ${i} left no admin (${key})`);
    }
    assert.ok(
      [...outcomes.keys()].every((k) => k.includes("409") || k.includes("403")),
      `one of each pair was refused: ${[...outcomes.entries()].join(" ")}`,
    );
  });

  it("keeps at least one admin over 50 races of 'delete the other admin' against 'demote myself'", async () => {
    for (let i = 0; i < 50; i++) {
      await s.ctx.db.user.update({ where: { id: selfId }, data: { role: "admin" } });
      await s.ctx.db.user.deleteMany({ where: { role: "admin", id: { not: selfId } } });
      const other = (await s.ctx.db.user.create({ data: { id: `usr_race_${i}`, username: `race-admin-${i}`, passwordHash: "x", role: "admin" } })).id;
      const [a, b] = await Promise.all([
        s.call("DELETE", `/api/v1/users/${other}`, { headers: bearer(token) }),
        s.call("PATCH", `/api/v1/users/${selfId}`, { json: { role: "viewer" }, headers: bearer(token) }),
      ]);
      assert.ok(a.status < 500 && b.status < 500, `race ${i}: ${a.status} / ${b.status}`);
      assert.ok((await admins()) >= 1, `race ${i} left no admin`);
    }
  });
});
