// Regenerates the SDK's types from the master's OpenAPI document: starts the
// built master on free ports with a throwaway data dir, fetches
// /api/v1/openapi.json into client/openapi.json and writes
// client/src/gen/schema.ts with openapi-typescript. Returns true on change.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import openapiTS, { astToString } from "openapi-typescript";

const root = new URL("..", import.meta.url).pathname;
export const OPENAPI_JSON = join(root, "client/openapi.json");
export const SCHEMA_TS = join(root, "client/src/gen/schema.ts");

/** fetchOpenApi starts a master and returns its OpenAPI document. */
export async function fetchOpenApi() {
  const dir = mkdtempSync(join(tmpdir(), "flotilla-openapi-"));
  const child = spawn(
    process.execPath,
    [join(root, "master/dist/main.js"), "--data-dir", dir, "--http-addr", "127.0.0.1:0", "--grpc-addr", "127.0.0.1:0", "--log-level", "info"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  try {
    const addr = await new Promise((ok, fail) => {
      child.once("exit", (code) => fail(new Error(`master exited ${code}`)));
      createInterface({ input: child.stdout }).on("line", (l) => {
        try {
          const r = JSON.parse(l);
          if (r.http_addr) ok(r.http_addr);
        } catch {}
      });
    });
    const res = await fetch(`http://${addr}/api/v1/openapi.json`);
    return await res.json();
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** schemaSource renders the TypeScript types of an OpenAPI document. */
export async function schemaSource(doc) {
  const ast = await openapiTS(doc);
  return `// Generated from client/openapi.json by scripts/gen-client.mjs. Do not edit.\n${astToString(ast)}`;
}

/** generateClient refreshes client/openapi.json and the schema; true when either changed. */
export async function generateClient() {
  const doc = await fetchOpenApi();
  const json = `${JSON.stringify(doc, null, 2)}\n`;
  const ts = await schemaSource(doc);
  const same =
    existsSync(OPENAPI_JSON) && readFileSync(OPENAPI_JSON, "utf8") === json && existsSync(SCHEMA_TS) && readFileSync(SCHEMA_TS, "utf8") === ts;
  if (same) return false;
  mkdirSync(join(root, "client/src/gen"), { recursive: true });
  writeFileSync(OPENAPI_JSON, json);
  writeFileSync(SCHEMA_TS, ts);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log((await generateClient()) ? "client schema regenerated" : "client schema up to date");
