// Builds everything after `npm ci`: protobuf code (buf), the descriptor set
// served by gRPC reflection, both Prisma clients, TypeScript (strict), the
// client SDK types from the OpenAPI document, the single-file worker
// artifact, the worker as a single executable (Node SEA) and the web UI bundle.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "./prisma.mjs";
import { bundleWorker } from "./bundle-worker.mjs";
import { buildSea, SEA_NAME } from "./build-sea.mjs";
import { generateClient } from "./gen-client.mjs";

const root = new URL("..", import.meta.url).pathname;
const bin = (n) => join(root, "node_modules/.bin", n);
const step = (name, fn) => {
  const t = Date.now();
  process.stdout.write(`build: ${name}... `);
  fn();
  console.log(`${Date.now() - t} ms`);
};
const sh = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: "inherit" });

step("protobuf (buf generate)", () => sh(bin("buf"), ["generate"]));
step("descriptor set (buf build)", () => buildDescriptorSet());
step("prisma clients", () => generate());
step("typescript (tsc -b)", () => sh(bin("tsc"), ["-b"]));
{
  // The SDK's types follow the master's OpenAPI document; rebuild them on change.
  const t = Date.now();
  process.stdout.write("build: client SDK (openapi-typescript)... ");
  const changed = await generateClient();
  if (changed) sh(bin("tsc"), ["-b"]);
  console.log(`${Date.now() - t} ms${changed ? ", regenerated" : ""}`);
}
{
  const t = Date.now();
  process.stdout.write("build: worker artifact (esbuild)... ");
  const w = await bundleWorker();
  console.log(`${Date.now() - t} ms, ${(w.bytes / 1024).toFixed(0)} KB`);
}
{
  const t = Date.now();
  process.stdout.write(`build: worker executable (${SEA_NAME}, Node SEA)... `);
  const e = await buildSea();
  console.log(e.skipped ? `skipped: ${e.skipped}` : `${Date.now() - t} ms, ${(e.bytes / 1048576).toFixed(0)} MB${e.reused ? ", unchanged" : ""}`);
}
if (existsSync(join(root, "ui/build.mjs"))) step("web ui", () => sh(process.execPath, ["ui/build.mjs"]));

/**
 * buildDescriptorSet writes master/dist/descriptors.binpb, the descriptors the
 * master serves over gRPC reflection: the Flotilla protos plus the health and
 * reflection protos. Serialized FileDescriptorSets concatenate into one.
 */
function buildDescriptorSet() {
  const reflection = join(root, "node_modules/@grpc/reflection/build/proto");
  const inputs = [["proto"], [join(root, "node_modules/grpc-health-check/proto")], [reflection, "--path", join(reflection, "grpc/reflection")]];
  const out = join(root, "master/dist/descriptors.binpb");
  mkdirSync(join(root, "master/dist"), { recursive: true });
  const parts = inputs.map((input, i) => {
    const file = `${out}.${i}`;
    sh(bin("buf"), ["build", ...input, "--exclude-source-info", "-o", file]);
    return readFileSync(file);
  });
  writeFileSync(out, Buffer.concat(parts));
  for (let i = 0; i < inputs.length; i++) rmSync(`${out}.${i}`);
}
