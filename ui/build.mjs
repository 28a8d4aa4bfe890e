// Builds the operators' web UI: type-checks ui/ (tsc --noEmit), bundles
// ui/src/main.tsx with esbuild into ui/dist/assets/app-<hash>.{js,css} and
// writes ui/dist/index.html. Prints the initial JavaScript size (gzipped)
// and fails when it passes the budget.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const BUDGET_KB = 80;
const ui = new URL(".", import.meta.url).pathname;
const root = join(ui, "..");
const dist = join(ui, "dist");

try {
  execFileSync(join(root, "node_modules/.bin/tsc"), ["-p", ui, "--noEmit"], { cwd: root, stdio: "inherit" });
} catch {
  console.error("ui: type errors (see above)");
  process.exit(1);
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, "assets"), { recursive: true });
const result = await build({
  entryPoints: [join(ui, "src/main.tsx")],
  bundle: true,
  minify: true,
  format: "esm",
  target: ["es2020"],
  jsx: "automatic",
  jsxImportSource: "preact",
  outdir: join(dist, "assets"),
  entryNames: "app-[hash]",
  assetNames: "[name]-[hash]",
  metafile: true,
  legalComments: "none",
  absWorkingDir: root,
  logLevel: "warning",
});

const outputs = Object.keys(result.metafile.outputs);
const js = outputs.find((f) => f.endsWith(".js"));
const css = outputs.filter((f) => f.endsWith(".css"));
if (!js) throw new Error("ui: esbuild produced no JavaScript");
const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Flotilla</title>
<link rel="icon" href="data:,">
${css.map((f) => `<link rel="stylesheet" href="/assets/${basename(f)}">`).join("\n")}
<script type="module" src="/assets/${basename(js)}"></script>
</head>
<body>
<div id="app"></div>
</body>
</html>
`;
writeFileSync(join(dist, "index.html"), html);

const gz = gzipSync(readFileSync(join(root, js))).length / 1024;
console.log(`ui: initial JS ${gz.toFixed(1)} KB gzipped`);
if (gz > BUDGET_KB) {
  console.error(`ui: initial JS exceeds the ${BUDGET_KB} KB budget`);
  process.exit(1);
}
