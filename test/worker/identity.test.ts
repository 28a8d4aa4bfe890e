import { strict as assert } from "node:assert";
import { createPrivateKey } from "node:crypto";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { openStateDir } from "../../worker/src/identity.js";
import { createCsr } from "../../worker/src/csr.js";
import { makeCa, makeLeaf } from "./pki-fixture.js";

describe("worker identity", () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "flotilla-id-"));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("creates a 0700 state dir and a 0600 P-256 PKCS#8 key, reused afterwards", async () => {
    const dir = join(root, "state");
    const sd = await openStateDir(dir);
    assert.equal((await stat(dir)).mode & 0o777, 0o700);
    const pem = await sd.loadOrCreateKey();
    assert.match(pem, /^-----BEGIN PRIVATE KEY-----/);
    const key = createPrivateKey(pem);
    assert.equal(key.asymmetricKeyType, "ec");
    assert.equal(key.asymmetricKeyDetails?.namedCurve, "prime256v1");
    assert.equal((await stat(join(dir, "node.key"))).mode & 0o777, 0o600);
    assert.equal(await (await openStateDir(dir)).loadOrCreateKey(), pem);
  });

  it("has no identity before enrollment and a full one after", async () => {
    const sd = await openStateDir(root);
    assert.equal(await sd.loadIdentity(), null);
    const ca = await makeCa();
    const leaf = await makeLeaf(ca, { cn: "node_1" });
    await sd.saveEnrollment("node_1", "127.0.0.1:50051", leaf.certPem, ca.certPem);
    const id = await (await openStateDir(root)).loadIdentity();
    assert.ok(id);
    assert.equal(id.nodeId, "node_1");
    assert.equal(id.certPem, leaf.certPem);
    assert.equal(id.caPem, ca.certPem);
    assert.deepEqual(JSON.parse(await readFile(join(root, "node.json"), "utf8")), { node_id: "node_1", master: "127.0.0.1:50051", seq: 0 });
    await sd.saveState({ ...id.state, seq: 41 });
    assert.equal((await sd.loadIdentity())?.state.seq, 41);
  });

  it("reports a broken identity instead of silently re-enrolling", async () => {
    const sd = await openStateDir(root);
    await writeFile(join(root, "node.json"), "{not json");
    await assert.rejects(sd.loadIdentity(), /broken identity/);
  });

  it("makes a CSR signed by the node key with the hostname as CN", async () => {
    const sd = await openStateDir(root);
    const pem = await sd.loadOrCreateKey();
    const csr = new x509.Pkcs10CertificateRequest(await createCsr(pem, "web-1.example"));
    assert.equal(csr.subject, "CN=web-1.example");
    assert.ok(await csr.verify());
    assert.ok(!(await createCsr(pem, "h")).includes("PRIVATE KEY"));
  });
});
