// Bundles the built worker (worker/dist/main.js) with its dependencies into
// one ES module, master/dist/downloads/flotilla-worker.mjs, plus its SHA-256:
// the artifact the master serves at /api/v1/downloads/ and install.sh runs on
// hosts with Node >= 20 from any directory.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const root = new URL("..", import.meta.url).pathname;
/** OUT_DIR is where the master looks for downloads. */
export const OUT_DIR = join(root, "master/dist/downloads");

/** bundleWorker writes the artifact and its .sha256; returns its size and hash. */
export async function bundleWorker() {
  const outfile = join(OUT_DIR, "flotilla-worker.mjs");
  await build({
    entryPoints: [join(root, "worker/dist/main.js")],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    // ESM builds first: some UMD builds (jsonc-parser) require() files esbuild cannot see.
    mainFields: ["module", "main"],
    outfile,
    legalComments: "none",
    logLevel: "warning",
    // CommonJS dependencies use require(), __filename and __dirname; give the module them.
    banner: {
      js: [
        "import { createRequire as __flotillaRequire } from 'node:module';",
        "import { fileURLToPath as __flotillaPath } from 'node:url';",
        "const require = __flotillaRequire(import.meta.url);",
        "const __filename = __flotillaPath(import.meta.url);",
        "const __dirname = __flotillaPath(new URL('.', import.meta.url));",
      ].join("\n"),
    },
    // Optional native accelerators of ssh2 (dockerode); absent, it uses JavaScript.
    external: ["cpu-features", "*.node"],
  });
  const bytes = readFileSync(outfile);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  writeFileSync(`${outfile}.sha256`, `${sha256}  flotilla-worker.mjs\n`);
  return { bytes: bytes.length, sha256 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await bundleWorker();
  console.log(`flotilla-worker.mjs: ${(r.bytes / 1024).toFixed(0)} KB, sha256 ${r.sha256}`);
}
