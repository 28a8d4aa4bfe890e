import { strict as assert } from "node:assert";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { createServer, type Server } from "node:tls";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { caFingerprint, FlotillaError, formatJoinToken, createLogger } from "@flotilla/shared";
import { create } from "@bufbuild/protobuf";
import { HostFactsSchema } from "@flotilla/shared/gen/flotilla/v1/common_pb.js";
import { PIN_MISMATCH, pinMasterCa } from "../../worker/src/ca-pin.js";
import { enrollOnce } from "../../worker/src/enroll.js";
import { openStateDir } from "../../worker/src/identity.js";
import { makeCa, makeLeaf, type TestCert } from "./pki-fixture.js";

function listen(cert: string, key: string): Promise<{ server: Server; port: number; connections: () => number; bytes: () => number }> {
  let connections = 0;
  let bytes = 0;
  const server = createServer({ cert, key, ALPNProtocols: ["h2"] }, (sock) => {
    connections++;
    sock.on("data", (d) => (bytes += d.length));
    sock.on("error", () => {});
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, port: (server.address() as AddressInfo).port, connections: () => connections, bytes: () => bytes }),
    ),
  );
}

describe("worker CA pinning", () => {
  let ca: TestCert;
  let other: TestCert;
  let servers: Server[] = [];
  const dirs: string[] = [];

  before(async () => {
    ca = await makeCa("Flotilla CA");
    other = await makeCa("Rogue CA");
  });
  afterEach(async () => {
    for (const s of servers) s.close();
    servers = [];
  });
  after(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  async function serve(leaf: TestCert, chain: TestCert[]) {
    const s = await listen([leaf, ...chain].map((c) => c.certPem.trim() + "\n").join(""), leaf.keyPem);
    servers.push(s.server);
    return s;
  }

  it("accepts a master whose chain holds the CA named by the token hash", async () => {
    const leaf = await makeLeaf(ca, { cn: "master", dns: ["flotilla-master"] });
    const { port } = await serve(leaf, [ca]);
    const pinned = await pinMasterCa("127.0.0.1", port, caFingerprint(ca.certPem));
    assert.equal(caFingerprint(pinned), caFingerprint(ca.certPem));
  });

  it("refuses a master presenting a different CA", async () => {
    const leaf = await makeLeaf(other, { cn: "master", dns: ["flotilla-master"] });
    const { port } = await serve(leaf, [other]);
    await assert.rejects(pinMasterCa("127.0.0.1", port, caFingerprint(ca.certPem)), (err: unknown) => {
      assert.ok(err instanceof FlotillaError);
      assert.equal(err.code, "permission_denied");
      assert.match(err.message, new RegExp(PIN_MISMATCH.replace(/'/g, ".")));
      return true;
    });
  });

  it("refuses a server that shows the right CA but a leaf signed by another CA", async () => {
    const leaf = await makeLeaf(other, { cn: "master", dns: ["flotilla-master"] });
    const { port } = await serve(leaf, [other, ca]);
    await assert.rejects(pinMasterCa("127.0.0.1", port, caFingerprint(ca.certPem)), /does not match the join token.s CA hash/);
  });

  it("refuses a server that sends only its leaf (no CA to pin)", async () => {
    const leaf = await makeLeaf(ca, { cn: "master", dns: ["flotilla-master"] });
    const { port } = await serve(leaf, []);
    await assert.rejects(pinMasterCa("127.0.0.1", port, caFingerprint(ca.certPem)), /does not match the join token's CA hash/);
  });

  it("reports an unreachable master as unavailable (retryable)", async () => {
    const probe = createNetServer();
    const port = await new Promise<number>((r) => probe.listen(0, "127.0.0.1", () => r((probe.address() as AddressInfo).port)));
    await new Promise((r) => probe.close(r));
    await assert.rejects(
      pinMasterCa("127.0.0.1", port, caFingerprint(ca.certPem)),
      (err: unknown) => err instanceof FlotillaError && err.code === "unavailable",
    );
  });

  it("enrollment against a mismatching master sends nothing and stores no identity", async () => {
    const leaf = await makeLeaf(other, { cn: "master", dns: ["flotilla-master"] });
    const s = await serve(leaf, [other]);
    const dir = await mkdtemp(join(tmpdir(), "flotilla-pin-"));
    dirs.push(dir);
    const stateDir = await openStateDir(dir);
    const token = formatJoinToken({ id: "tok_abcdefgh", secret: "A".repeat(32), caSha256: caFingerprint(ca.certPem) });
    await assert.rejects(
      enrollOnce({
        master: { host: "127.0.0.1", port: s.port },
        token,
        labels: {},
        facts: create(HostFactsSchema, { hostname: "h" }),
        stateDir,
        log: createLogger({ level: "silent", name: "test" }),
      }),
      /does not match the join token's CA hash/,
    );
    assert.equal(s.bytes(), 0, "no application data may reach an unpinned master");
    assert.equal(await stateDir.loadIdentity(), null);
    assert.deepEqual(
      (await readdir(dir)).filter((f) => f !== "node.key"),
      [],
    );
  });
});

describe("verifyPinnedChain", () => {
  it("rejects a chain whose pinned CA did not sign the leaf", async () => {
    const { verifyPinnedChain } = await import("../../worker/src/ca-pin.js");
    const { X509Certificate } = await import("node:crypto");
    const ca = await makeCa("A");
    const rogue = await makeCa("B");
    const leaf = await makeLeaf(rogue, { cn: "m", dns: ["flotilla-master"] });
    const der = (c: TestCert) => new Uint8Array(new X509Certificate(c.certPem).raw);
    assert.throws(() => verifyPinnedChain([der(leaf), der(rogue), der(ca)], caFingerprint(ca.certPem)), /not signed by the pinned CA/);
    const good = await makeLeaf(ca, { cn: "m", dns: ["flotilla-master"] });
    assert.equal(caFingerprint(verifyPinnedChain([der(good), der(ca)], caFingerprint(ca.certPem))), caFingerprint(ca.certPem));
    const expired = await makeLeaf(ca, { cn: "m", notBefore: new Date(Date.now() - 3 * 86_400_000), lifetimeMs: 86_400_000 });
    assert.throws(() => verifyPinnedChain([der(expired), der(ca)], caFingerprint(ca.certPem)), /validity/);
  });
});
