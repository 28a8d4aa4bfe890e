// Builds the worker as a single executable with Node inside (Node's Single
// Executable Applications): a CommonJS bundle of worker/dist/main.js becomes
// a SEA blob, injected with postject into a copy of the Node binary that runs
// the build. Output: master/dist/downloads/flotilla-worker-<os>-<arch> and its
// .sha256, served by the master for hosts without Node. Skipped (with the
// reason) where the Node binary has no SEA fuse; FLOTILLA_BUILD_SEA=0 skips it.
// A build whose bundle and Node binary did not change reuses the executable.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const root = new URL("..", import.meta.url).pathname;
const FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";
/** SEA_NAME is the executable's file name for this build machine. */
export const SEA_NAME = `flotilla-worker-${process.platform}-${process.arch}`;

const nativeStub = {
  name: "native-stub",
  setup(b) {
    b.onResolve({ filter: /^cpu-features$|\.node$/ }, (a) => ({ path: a.path, namespace: "native-stub" }));
    b.onLoad({ filter: /.*/, namespace: "native-stub" }, () => ({
      contents: "throw new Error('native addon not in the single executable');",
      loader: "js",
    }));
  },
};

const sha = (buf) => createHash("sha256").update(buf).digest("hex");

/** buildSea writes the executable; returns {skipped} with a reason, or its size, hash and whether it was reused. */
export async function buildSea() {
  if (process.env.FLOTILLA_BUILD_SEA === "0") return { skipped: "FLOTILLA_BUILD_SEA=0" };
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 20 || (major === 20 && minor < 12)) return { skipped: `Node ${process.version} has no SEA assets support (needs >= 20.12)` };
  const node = readFileSync(process.execPath);
  if (!node.includes(FUSE)) return { skipped: `${process.execPath} was built without the SEA fuse` };
  const work = join(root, "master/dist/sea");
  const out = join(root, "master/dist/downloads", SEA_NAME);
  mkdirSync(work, { recursive: true });
  const main = join(work, "flotilla-worker.cjs");
  await build({
    entryPoints: [join(root, "worker/dist/main.js")],
    bundle: true,
    platform: "node",
    target: "node20",
    // SEA runs one CommonJS script whose require() reaches built-in modules only.
    format: "cjs",
    mainFields: ["module", "main"],
    outfile: main,
    legalComments: "none",
    logLevel: "warning",
    // ssh2's optional native accelerators: a stub that throws, which ssh2 catches (a
    // require() of a file from inside the executable would only warn and fail).
    plugins: [nativeStub],
  });
  const key = sha(Buffer.concat([readFileSync(main), Buffer.from(sha(node))]));
  const stamp = join(work, "input.sha256");
  if (existsSync(out) && existsSync(`${out}.sha256`) && existsSync(stamp) && readFileSync(stamp, "utf8") === key) {
    return { bytes: readFileSync(out).length, sha256: readFileSync(`${out}.sha256`, "utf8").split(/\s+/)[0], reused: true };
  }
  const blob = join(work, "sea-prep.blob");
  writeFileSync(
    join(work, "sea-config.json"),
    JSON.stringify({ main, output: blob, disableExperimentalSEAWarning: true, useCodeCache: false, useSnapshot: false }),
  );
  execFileSync(process.execPath, ["--experimental-sea-config", join(work, "sea-config.json")], { cwd: work, stdio: "pipe" });
  rmSync(out, { force: true });
  copyFileSync(process.execPath, out);
  chmodSync(out, 0o755);
  execFileSync(process.execPath, [join(root, "node_modules/postject/dist/cli.js"), out, "NODE_SEA_BLOB", blob, "--sentinel-fuse", FUSE], {
    stdio: "pipe",
  });
  const bytes = readFileSync(out);
  const sha256 = sha(bytes);
  writeFileSync(`${out}.sha256`, `${sha256}  ${SEA_NAME}\n`);
  writeFileSync(stamp, key);
  rmSync(blob, { force: true });
  return { bytes: bytes.length, sha256, reused: false };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await buildSea();
  console.log(
    r.skipped
      ? `${SEA_NAME}: skipped, ${r.skipped}`
      : `${SEA_NAME}: ${(r.bytes / 1048576).toFixed(1)} MB, sha256 ${r.sha256}${r.reused ? " (unchanged)" : ""}`,
  );
}
