// `npm run lint`: the static checks CI runs before the tests. Each step
// prints its own findings; the script exits non-zero if any step fails.
//   boundaries  dependency-cruiser over every workspace (.dependency-cruiser.cjs)
//   eslint      typescript-eslint, type-aware (eslint.config.mjs), cached in node_modules/.cache
//   test types  tsc over test/ (Node) and test/ui (with the DOM); `tsc -b` covers the workspaces
//   ui types    tsc over ui/ (bundled by esbuild, which does not type-check)
//   deps        knip: dependencies declared but never imported (knip.jsonc)
//   format      prettier --check (.prettierrc.json, .prettierignore); `npx prettier --write .` fixes it
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const bin = (n) => join(root, "node_modules/.bin", n);
const SOURCES = ["master/src", "worker/src", "shared/src", "client/src", "cli/src", "ui/src"];

const steps = [
  ["boundaries (dependency-cruiser)", bin("depcruise"), ["--config", ".dependency-cruiser.cjs", ...SOURCES]],
  ["eslint", bin("eslint"), ["--cache", "--cache-location", "node_modules/.cache/eslint/", "--max-warnings", "0", ...SOURCES, "test"]],
  ["test types (tsc)", bin("tsc"), ["-p", "test/tsconfig.json"]],
  ["test/ui types (tsc)", bin("tsc"), ["-p", "test/ui/tsconfig.json"]],
  ["ui types (tsc)", bin("tsc"), ["-p", "ui/tsconfig.json"]],
  ["unused dependencies (knip)", bin("knip"), []],
  ["format (prettier)", bin("prettier"), ["--check", "--log-level", "warn", "."]],
];

let failed = 0;
for (const [name, cmd, args] of steps) {
  const t = Date.now();
  console.log(`lint: ${name}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit" });
  // A missing tool is an install problem, not a finding: say so instead of failing silently.
  if (r.error) console.error(`lint: ${name}: cannot run ${cmd} (${r.error.code ?? r.error.message}); run npm ci to install the dev dependencies`);
  const ok = r.status === 0;
  if (!ok) failed++;
  console.log(`lint: ${name} ${ok ? "ok" : "FAILED"} (${Date.now() - t} ms)`);
}
if (failed) {
  console.error(`lint: ${failed} of ${steps.length} steps failed`);
  process.exit(1);
}
