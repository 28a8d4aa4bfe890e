// Runs the test suite: `npm test` (every test/**/*.test.ts) or
// `npm test -- <paths or globs>`. Builds first when dist/ is missing.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
if (!existsSync(join(root, "master/dist/main.js")) || !existsSync(join(root, "worker/dist/main.js"))) {
  const b = spawnSync(process.execPath, [join(root, "scripts/build.mjs")], { cwd: root, stdio: "inherit" });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const args = process.argv.slice(2);
const specs = args.length ? args : ["test/**/*.test.ts"];
const r = spawnSync(join(root, "node_modules/.bin/mocha"), ["--reporter", join(root, "test/support/reporter.cjs"), ...specs], {
  cwd: root,
  stdio: "inherit",
  env: process.env,
});
process.exit(r.status ?? 1);
