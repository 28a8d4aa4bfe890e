// Builds everything after `npm ci`: protobuf code (buf), both Prisma
// clients, TypeScript (strict) and the web UI bundle.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { generate } from "./prisma.mjs";

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
step("prisma clients", () => generate());
step("typescript (tsc -b)", () => sh(bin("tsc"), ["-b"]));
if (existsSync(join(root, "ui/build.mjs"))) step("web ui", () => sh(process.execPath, ["ui/build.mjs"]));
