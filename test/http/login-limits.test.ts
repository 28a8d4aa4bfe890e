import { strict as assert } from "node:assert";
import { request } from "node:http";
import { createBackoffCounter } from "../../master/src/http/auth/rate-limit.js";
import { ADMIN, bearer, setupAdmin, startTestServer, type TestServer } from "./helpers.js";

/** postFrom sends a JSON request from a chosen loopback source address and returns the status. */
function postFrom(s: TestServer, source: string, method: string, path: string, json: unknown, headers: Record<string, string> = {}): Promise<number> {
  const u = new URL(s.url + path);
  const body = JSON.stringify(json);
  return new Promise((ok, fail) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method,
        localAddress: source,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers },
      },
      (res) => {
        res.resume();
        res.on("end", () => ok(res.statusCode ?? 0));
      },
    );
    req.on("error", fail);
    req.end(body);
  });
}

const wrong = (i: number) => ({ username: "admin", password: `wrong password ${i}` });

describe("http login limits", function () {
  this.timeout(60_000);
  let s: TestServer;
  afterEach(async () => s?.close());

  it("does not let guesses from another address lock the real user out", async () => {
    s = await startTestServer({ loginLimits: { perUsername: 10, perIp: 30 } });
    await setupAdmin(s);
    const attacker: number[] = [];
    for (let i = 0; i < 12; i++) attacker.push(await postFrom(s, "127.0.0.2", "POST", "/api/v1/auth/login", wrong(i)));
    assert.deepEqual(attacker.slice(10), [429, 429], "the attacker's address is blocked for the account");
    assert.equal(
      await postFrom(s, "127.0.0.2", "POST", "/api/v1/auth/login", ADMIN),
      429,
      "even with the right password from the attacker's address",
    );
    assert.equal(await postFrom(s, "127.0.0.1", "POST", "/api/v1/auth/login", ADMIN), 200, "the real user from their own address logs in");
  });

  it("counts parallel guesses atomically: 50 at once for one account check at most the limit", async () => {
    s = await startTestServer({ loginLimits: { perUsername: 10, perIp: 1000 } });
    await setupAdmin(s);
    const statuses = await Promise.all(Array.from({ length: 50 }, (_, i) => postFrom(s, "127.0.0.3", "POST", "/api/v1/auth/login", wrong(i))));
    assert.equal(statuses.filter((x) => x === 401).length, 10, `checked: ${statuses.join(",")}`);
    assert.equal(statuses.filter((x) => x === 429).length, 40);
  });

  it("backs off progressively: each lockout doubles the block, up to the maximum", () => {
    const c = createBackoffCounter(3, 1000, 3500);
    const lockOut = (t: number) => {
      for (let i = 0; i < 3; i++) {
        assert.equal(c.blocked("k", t), false);
        c.add("k", t);
        c.failed("k", t);
      }
      assert.equal(c.blocked("k", t), true);
    };
    lockOut(0);
    assert.equal(c.blocked("k", 999), true);
    lockOut(1000);
    assert.equal(c.blocked("k", 2999), true, "second block lasts two windows");
    lockOut(3000);
    assert.equal(c.blocked("k", 6499), true, "third block is capped at 3.5 s");
    assert.equal(c.blocked("k", 6500), false);
  });

  it("applies the same limit to PUT /auth/me/password", async () => {
    s = await startTestServer({ loginLimits: { perUsername: 5, perIp: 1000 } });
    const t = await setupAdmin(s);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push(
        await postFrom(
          s,
          "127.0.0.5",
          "PUT",
          "/api/v1/auth/me/password",
          { current_password: `wrong password ${i}`, new_password: "a brand new password" },
          bearer(t.access_token),
        ),
      );
    assert.deepEqual(statuses, [400, 400, 400, 400, 400, 429, 429]);
    assert.equal(
      await postFrom(
        s,
        "127.0.0.5",
        "PUT",
        "/api/v1/auth/me/password",
        { current_password: ADMIN.password, new_password: "a brand new password" },
        bearer(t.access_token),
      ),
      429,
    );
    assert.equal(
      await postFrom(
        s,
        "127.0.0.1",
        "PUT",
        "/api/v1/auth/me/password",
        { current_password: ADMIN.password, new_password: "a brand new password" },
        bearer(t.access_token),
      ),
      204,
    );
  });
});
