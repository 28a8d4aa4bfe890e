// `npm run lint`: the static checks CI runs before the tests. Each step
// prints its own findings; the script exits non-zero if any step fails.
//   boundaries  dependency-cruiser over every workspace (.dependency-cruiser.cjs)
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const bin = (n) => join(root, "node_modules/.bin", n);
const SOURCES = ["master/src", "worker/src", "shared/src", "client/src", "cli/src", "ui/src"];

const steps = [
  ["boundaries (dependency-cruiser)", bin("depcruise"), ["--config", ".dependency-cruiser.cjs", ...SOURCES]],
];

let failed = 0;
for (const [name, cmd, args] of steps) {
  const t = Date.now();
  console.log(`lint: ${name}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit" });
  const ok = r.status === 0;
  if (!ok) failed++;
  console.log(`lint: ${name} ${ok ? "ok" : "FAILED"} (${Date.now() - t} ms)`);
}
if (failed) {
  console.error(`lint: ${failed} of ${steps.length} steps failed`);
  process.exit(1);
}
