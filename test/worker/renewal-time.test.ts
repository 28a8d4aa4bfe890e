import { strict as assert } from "node:assert";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPki } from "../../master/src/pki/pki.js";
import { createCsr } from "../../worker/src/csr.js";
import { generateNodeKey } from "../../worker/src/identity.js";
import { renewalDueAt } from "../../worker/src/renewal.js";

describe("certificate renewal time", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "flotilla-renew-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  for (const ttlMs of [60_000, 3_600_000, 30 * 86_400_000]) {
    it(`renews a certificate issued for ${ttlMs / 1000} s two thirds of the way through (as the README says)`, async () => {
      const pki = await createPki(dir);
      const issued = Date.now();
      const cert = await pki.signCsr(await createCsr(generateNodeKey(), "host"), "node_x", ttlMs);
      const due = renewalDueAt(cert.certPem) - issued;
      const expected = (ttlMs * 2) / 3;
      assert.ok(Math.abs(due - expected) < 2_000, `due ${due} ms after issue, expected ${expected} ms`);
    });
  }
});
