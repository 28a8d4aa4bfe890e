import { strict as assert } from "node:assert";
import { findInvalidString } from "@flotilla/shared";

/** The edge's string rule: every refused string is found, wherever it sits, and named by its path. */
describe("shared: refused strings in decoded values", () => {
  const clean = { name: "web 😀 naïve", labels: new Map([["env", "prod"]]), items: [{ id: "a", tags: ["x", "y"] }], raw: new Uint8Array([0]) };

  it("accepts clean values, paired surrogates and bytes", () => {
    assert.equal(findInvalidString(clean), undefined);
    assert.equal(findInvalidString([1, null, true, "\ud83d\ude00"]), undefined);
  });

  it("names the path of a NUL or a lone surrogate in values, map keys and object keys", () => {
    assert.deepEqual(findInvalidString({ ...clean, items: [{ id: "a" }, { id: "b", tags: ["ok", "bad\u0000"] }] }), {
      field: "items.1.tags.1",
      message: "must not contain NUL characters",
    });
    assert.deepEqual(findInvalidString({ labels: new Map([["env", "x\ud800"]]) }), {
      field: "labels.env",
      message: "must not contain unpaired UTF-16 surrogates",
    });
    assert.deepEqual(findInvalidString({ labels: new Map([["\udc00", "x"]]) }), {
      field: "labels.key",
      message: "must not contain unpaired UTF-16 surrogates",
    });
    assert.deepEqual(findInvalidString({ a: { "k\u0000": 1 } }), { field: "a", message: "keys must not contain NUL characters" });
    assert.deepEqual(findInvalidString("\u0000", "q"), { field: "q", message: "must not contain NUL characters" });
  });

  it("ignores inherited properties, as the path walk does", () => {
    const o = Object.create({ inherited: "\u0000" }) as Record<string, unknown>;
    o.own = "fine";
    assert.equal(findInvalidString(o), undefined);
  });
});
