import { strict as assert } from "node:assert";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { clientAddress, parseTrustedProxies } from "../../master/src/http/middleware/forwarded.js";
import { loadMasterConfig } from "../../master/src/config.js";
import { startMaster, waitFor, type MasterProc } from "../helpers/processes.js";

const PASSWORD = "correct horse battery staple";
/** The address haproxy connects to the master from, and a different loopback address that is not a proxy. */
const PROXY_ADDR = "127.0.0.5";
const STRANGER = "127.0.0.6";

interface Answer {
  status: number;
  cookies: string[];
}

/** post sends a JSON POST from a chosen loopback source address. */
function post(base: string, source: string, path: string, json: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const u = new URL(base + path);
  const body = JSON.stringify(json);
  return new Promise((ok, fail) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: "POST",
        localAddress: source,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers },
      },
      (res) => {
        res.resume();
        res.on("end", () => ok({ status: res.statusCode ?? 0, cookies: res.headers["set-cookie"] ?? [] }));
      },
    );
    req.on("error", fail);
    req.end(body);
  });
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, "127.0.0.1", ok));
  const { port } = s.address() as AddressInfo;
  await new Promise((ok) => s.close(ok));
  return port;
}

/** startHaproxy runs a real haproxy that terminates "https" (it says so in X-Forwarded-Proto) and appends X-Forwarded-For. */
async function startHaproxy(master: string): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "flotilla-haproxy-"));
  const port = await freePort();
  const target = new URL(master);
  const cfg = [
    "defaults",
    "  mode http",
    "  timeout connect 5s",
    "  timeout client 30s",
    "  timeout server 30s",
    "frontend edge",
    `  bind 127.0.0.1:${port}`,
    "  option forwardfor",
    "  http-request set-header X-Forwarded-Proto https",
    "  default_backend masters",
    "backend masters",
    `  server m1 ${target.host} source ${PROXY_ADDR}`,
  ].join("\n");
  writeFileSync(join(dir, "haproxy.cfg"), cfg + "\n");
  const child: ChildProcess = spawn("/usr/sbin/haproxy", ["-db", "-f", join(dir, "haproxy.cfg")], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`haproxy exited: ${stderr}`);
      return (await fetch(`${url}/health`)).ok;
    },
    10_000,
    "haproxy to forward",
  );
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGKILL");
        await new Promise((ok) => child.once("exit", ok));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** lastLoginSource reads the newest auth.login audit entry's source address. */
async function lastLoginSource(m: MasterProc): Promise<string | null> {
  const page = await m.api.get<{ items: { action: string; source: string | null }[] }>("/audit?action=auth.login&limit=1");
  return page.items[0]?.source ?? null;
}

const isSecure = (cookies: string[]) => cookies.length === 2 && cookies.every((c) => /;\s*Secure(;|$)/.test(c));
const login = { username: "admin", password: PASSWORD };

describe("http trusted proxies", function () {
  this.timeout(120_000);

  it("resolves the client as the right-most untrusted X-Forwarded-For hop", () => {
    const t = parseTrustedProxies("10.0.0.0/8, 192.0.2.1, ::1");
    assert.equal(clientAddress(t, "203.0.113.9", "1.2.3.4"), "203.0.113.9", "an untrusted peer's header is ignored");
    assert.equal(clientAddress(t, "10.1.1.1", "1.2.3.4, 198.51.100.7"), "198.51.100.7", "the client-written left hop is not believed");
    assert.equal(clientAddress(t, "::ffff:10.1.1.1", "198.51.100.7, 10.2.2.2, 192.0.2.1"), "198.51.100.7", "chained trusted proxies are skipped");
    assert.equal(clientAddress(t, "10.1.1.1", "10.2.2.2"), "10.2.2.2", "only proxies: the left-most proxy");
    assert.equal(clientAddress(t, "10.1.1.1", "not-an-ip, 10.2.2.2"), "10.2.2.2", "a malformed hop stops the walk");
    assert.equal(clientAddress(t, "::1", undefined), "::1", "no header: the peer");
    assert.equal(clientAddress(parseTrustedProxies(""), "10.1.1.1", "1.2.3.4"), "10.1.1.1", "default: trust no one");
    assert.throws(() => loadMasterConfig(["--trusted-proxies", "10.0.0.0/33"], {}), /--trusted-proxies.*not an address or CIDR/);
    assert.throws(() => loadMasterConfig([], { FLOTILLA_TRUSTED_PROXIES: "proxy.example" }), /TRUSTED_PROXIES.*not an address/);
  });

  describe("with haproxy in front and --trusted-proxies set to it", () => {
    let m: MasterProc;
    let edge: { url: string; stop(): Promise<void> };
    before(async () => {
      m = await startMaster({ args: ["--trusted-proxies", PROXY_ADDR, "--login-limit-per-account", "3"], password: PASSWORD });
      edge = await startHaproxy(m.http);
    });
    after(async () => {
      await edge?.stop();
      await m?.cleanup();
    });

    it("sets Secure on the session cookies when the original request was https", async () => {
      const r = await post(edge.url, "127.0.0.9", "/api/v1/auth/login", login);
      assert.equal(r.status, 200);
      assert.ok(isSecure(r.cookies), r.cookies.join(" | "));
    });

    it("records the client's address, not the proxy's nor a spoofed one", async () => {
      const r = await post(edge.url, "127.0.0.9", "/api/v1/auth/login", login, { "x-forwarded-for": "6.6.6.6" });
      assert.equal(r.status, 200);
      assert.equal(await lastLoginSource(m), "127.0.0.9");
    });

    it("limits guesses per client behind the proxy, not per proxy", async () => {
      const wrong = { username: "admin", password: "wrong password" };
      const guesses: number[] = [];
      // Rotating a spoofed X-Forwarded-For does not give the guesser a fresh address.
      for (let i = 0; i < 5; i++)
        guesses.push((await post(edge.url, "127.0.0.10", "/api/v1/auth/login", wrong, { "x-forwarded-for": `6.6.6.${i}` })).status);
      assert.deepEqual(guesses, [401, 401, 401, 429, 429]);
      assert.equal((await post(edge.url, "127.0.0.11", "/api/v1/auth/login", login)).status, 200, "another client through the same proxy logs in");
    });

    it("ignores X-Forwarded-* from a peer that is not a trusted proxy", async () => {
      const r = await post(m.http, STRANGER, "/api/v1/auth/login", login, { "x-forwarded-proto": "https", "x-forwarded-for": "198.51.100.1" });
      assert.equal(r.status, 200);
      assert.ok(r.cookies.length === 2 && r.cookies.every((c) => !/Secure/.test(c)), r.cookies.join(" | "));
      assert.equal(await lastLoginSource(m), STRANGER);
      const wrong = { username: "admin", password: "wrong password" };
      const guesses: number[] = [];
      for (let i = 0; i < 5; i++)
        guesses.push((await post(m.http, STRANGER, "/api/v1/auth/login", wrong, { "x-forwarded-for": `198.51.100.${i}` })).status);
      assert.deepEqual(guesses, [401, 401, 401, 429, 429]);
    });
  });

  it("trusts no one by default: behind haproxy the proxy is the client and nothing is Secure", async () => {
    const m = await startMaster({ password: PASSWORD });
    const edge = await startHaproxy(m.http);
    try {
      const r = await post(edge.url, "127.0.0.9", "/api/v1/auth/login", login);
      assert.equal(r.status, 200);
      assert.ok(r.cookies.length === 2 && r.cookies.every((c) => !/Secure/.test(c)), r.cookies.join(" | "));
      assert.equal(await lastLoginSource(m), PROXY_ADDR);
    } finally {
      await edge.stop();
      await m.cleanup();
    }
  });
});
