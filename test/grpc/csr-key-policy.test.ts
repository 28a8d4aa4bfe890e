import "reflect-metadata";
import assert from "node:assert/strict";
import { webcrypto } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as x509 from "@peculiar/x509";
import { Code } from "@connectrpc/connect";
import { pino } from "pino";
import { openDb } from "../../master/src/db/client.js";
import { createToken, enrollmentClient, facts, rejected, startMaster, type TestMaster } from "./helpers.js";

/** csrWith makes a CSR for a fresh key of the given algorithm. */
async function csrWith(
  alg: webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams,
  sign: webcrypto.RsaHashedImportParams | webcrypto.EcdsaParams,
): Promise<string> {
  const keys = (await webcrypto.subtle.generateKey(alg as never, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair;
  const csr = await x509.Pkcs10CertificateRequestGenerator.create(
    { name: "CN=worker", keys: keys as never, signingAlgorithm: sign as never },
    webcrypto as never,
  );
  return csr.toString("pem");
}

const rsa = (bits: number) =>
  csrWith({ name: "RSASSA-PKCS1-v1_5", modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, {
    name: "RSASSA-PKCS1-v1_5",
    hash: "SHA-256",
  } as never);
const ec = (curve: string) => csrWith({ name: "ECDSA", namedCurve: curve }, { name: "ECDSA", hash: "SHA-256" } as never);

describe("grpc: node key policy (EC P-256/P-384 or RSA >= 2048)", function () {
  this.timeout(60_000);
  let m: TestMaster;
  before(async () => {
    m = await startMaster();
  });
  after(async () => m?.stop());

  for (const [name, make] of [
    ["RSA-1024", () => rsa(1024)],
    ["EC P-521", () => ec("P-521")],
  ] as const) {
    it(`refuses a ${name} CSR with INVALID_ARGUMENT and records invalid_request`, async () => {
      const { token, id } = await createToken(m);
      const err = await rejected(enrollmentClient(m).enroll({ token, csrPem: await make(), facts: facts() }));
      assert.equal(err.code, Code.InvalidArgument);
      assert.match(err.rawMessage, /csr_pem/);
      const attempt = await m.ctx.db.enrollmentAttempt.findFirst({ where: { tokenId: id } });
      assert.equal(attempt?.reason, "invalid_request");
    });
  }

  for (const [name, make] of [
    ["RSA-2048", () => rsa(2048)],
    ["EC P-384", () => ec("P-384")],
  ] as const) {
    it(`signs a ${name} CSR`, async () => {
      const { token } = await createToken(m);
      const res = await enrollmentClient(m).enroll({ token, csrPem: await make(), facts: facts() });
      assert.ok(res.nodeId);
    });
  }
});

describe("SQLite file and directory modes", () => {
  it("creates the database directory 0700 and the database file 0600", async () => {
    const root = mkdtempSync(join(tmpdir(), "flotilla-modes-"));
    try {
      const dir = join(root, "data");
      const db = await openDb(`file:${join(dir, "flotilla.db")}`, pino({ level: "silent" }));
      await db.db.user.count();
      await db.close();
      assert.equal(statSync(dir).mode & 0o777, 0o700);
      assert.equal(statSync(join(dir, "flotilla.db")).mode & 0o777, 0o600);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
