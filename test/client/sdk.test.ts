import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createClient, FlotillaApiError, paginate, type Page } from "@flotilla/client";
import { startMaster, type MasterProc } from "../helpers/processes.js";
// @ts-expect-error plain ES module of the build
import { OPENAPI_JSON, SCHEMA_TS, schemaSource } from "../../scripts/gen-client.mjs";

describe("@flotilla/client SDK", function () {
  this.timeout(60_000);
  let m: MasterProc;
  let apiKey: string;
  before(async () => {
    m = await startMaster();
    apiKey = (await m.api.post<{ key: string }>("/api-keys", { name: "sdk" })).key;
  });
  after(async () => m?.cleanup());

  it("was generated from this master's OpenAPI document (fails on drift: run the build)", async () => {
    const live = await (await fetch(`${m.http}/api/v1/openapi.json`)).json();
    assert.deepEqual(JSON.parse(readFileSync(OPENAPI_JSON, "utf8")), live, "client/openapi.json matches the served document");
    assert.equal(readFileSync(SCHEMA_TS, "utf8"), await schemaSource(live), "client/src/gen/schema.ts matches openapi-typescript's output");
  });

  it("pages through a cursor list and throws the error envelope as FlotillaApiError", async () => {
    for (let i = 0; i < 5; i++) await m.api.post("/enrollment-tokens", { name: `page-${i}` });
    const api = createClient({ url: m.http, apiKey });
    const seen: string[] = [];
    let pages = 0;
    for await (const t of paginate(async (cursor) => {
      pages++;
      const r = await api.GET("/api/v1/enrollment-tokens", { params: { query: { limit: 2, ...(cursor ? { cursor } : {}) } } });
      return r.data as unknown as Page<{ name: string }>;
    }))
      seen.push(t.name);
    assert.deepEqual(seen.sort(), ["page-0", "page-1", "page-2", "page-3", "page-4"]);
    assert.equal(pages, 3);
    await assert.rejects(
      api.GET("/api/v1/nodes/{id}", { params: { path: { id: "missing" } } }),
      (e: unknown) => e instanceof FlotillaApiError && e.status === 404 && e.code === "not_found" && typeof e.requestId === "string",
    );
    const anon = createClient({ url: m.http });
    await assert.rejects(anon.GET("/api/v1/nodes"), (e: unknown) => e instanceof FlotillaApiError && e.code === "unauthenticated");
  });
});
