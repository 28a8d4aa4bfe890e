import assert from "node:assert/strict";
import { Code } from "@connectrpc/connect";
import { createToken, enrollmentClient, enrollNode, facts, makeCsr, startMaster, rejected, type TestMaster } from "./helpers.js";

describe("grpc: the edge string rule and the label cap", function () {
  let m: TestMaster;
  before(async () => {
    m = await startMaster();
  });
  after(async () => m.stop());

  it("answers an Enroll with a NUL in the hostname INVALID_ARGUMENT naming the field and stores nothing", async () => {
    const { token } = await createToken(m);
    const nodes = await m.ctx.db.node.count();
    const err = await rejected(enrollmentClient(m).enroll({ token, csrPem: (await makeCsr()).csrPem, facts: facts({ hostname: "web\u00001" }) }));
    assert.equal(err.code, Code.InvalidArgument);
    assert.match(err.rawMessage, /facts\.hostname/);
    assert.equal(await m.ctx.db.node.count(), nodes);
  });

  it("answers a NUL in a label key or value INVALID_ARGUMENT", async () => {
    const { token } = await createToken(m);
    for (const labels of [{ "env\u0000": "x" }, { env: "pr\u0000od" }] as Record<string, string>[]) {
      const err = await rejected(enrollmentClient(m).enroll({ token, csrPem: (await makeCsr()).csrPem, facts: facts(), labels }));
      assert.equal(err.code, Code.InvalidArgument);
      assert.match(err.rawMessage, /labels/);
    }
  });

  it("caps Enroll at 64 labels", async () => {
    const { token } = await createToken(m);
    const labels = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, "v"]));
    const err = await rejected(enrollmentClient(m).enroll({ token, csrPem: (await makeCsr()).csrPem, facts: facts(), labels }));
    assert.equal(err.code, Code.InvalidArgument);
    assert.match(err.rawMessage, /at most 64 labels/);
    const ok = Object.fromEntries(Array.from({ length: 64 }, (_, i) => [`k${i}`, "v"]));
    const res = await enrollmentClient(m).enroll({ token, csrPem: (await makeCsr()).csrPem, facts: facts(), labels: ok });
    assert.ok(res.nodeId);
  });

  it("answers an authenticated node call with a NUL in a string INVALID_ARGUMENT", async () => {
    const node = await enrollNode(m);
    const err = await rejected(node.client.goodbye({ reason: "stop\u0000ping" }));
    assert.equal(err.code, Code.InvalidArgument);
    assert.match(err.rawMessage, /reason/);
  });
});
