import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import yaml from "js-yaml";
import { AGENT_VERSION } from "@flotilla/shared";
import { startMaster, type MasterProc } from "../helpers/processes.js";

const ROOT = new URL("../..", import.meta.url).pathname;
const ARTIFACT = join(ROOT, "master/dist/downloads/flotilla-worker.mjs");
const IMAGE = "local/flotilla-worker-test:1";

interface Stage {
  from: string;
  lines: string[];
}

/** stages splits a Dockerfile into its FROM stages (continuation lines joined). */
function stages(file: string): Stage[] {
  const text = readFileSync(join(ROOT, file), "utf8").replace(/\\\n\s*/g, " ");
  const out: Stage[] = [];
  for (const line of text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))) {
    if (/^FROM /i.test(line)) out.push({ from: line, lines: [] });
    else out.at(-1)!.lines.push(line);
  }
  return out;
}

const sh = (cmd: string, args: string[], input?: string) => spawnSync(cmd, args, { encoding: "utf8", ...(input ? { input } : {}), timeout: 120_000 });

describe("deploy: Dockerfiles and compose", function () {
  this.timeout(120_000);

  for (const [file, entry] of [
    ["deploy/master.Dockerfile", "/opt/flotilla/master/dist/main.js"],
    ["deploy/worker.Dockerfile", "/opt/flotilla-worker/flotilla-worker.mjs"],
  ] as const) {
    it(`${file}: multi-stage, non-root, copies only what the build produces, entrypoint answers --version`, () => {
      const s = stages(file);
      assert.ok(s.length >= 2, "multi-stage");
      const final = s.at(-1)!;
      const user = final.lines.filter((l) => /^USER /.test(l)).at(-1);
      assert.ok(user && !/^USER (root|0)\b/.test(user), `final stage runs as non-root (${user})`);
      // COPY --from=build /src/X: X must exist after `npm ci` (the build) in this checkout.
      for (const l of final.lines.filter((x) => /^COPY --from=build /.test(x))) {
        const src = l.split(/\s+/)[2]!.replace(/^\/src\//, "");
        assert.ok(existsSync(join(ROOT, src)), `${src} is produced by the build`);
      }
      const ep = JSON.parse(final.lines.find((l) => l.startsWith("ENTRYPOINT "))!.slice("ENTRYPOINT ".length)) as string[];
      assert.equal(ep.at(-1), entry);
      // The same entrypoint, with the image paths mapped onto this checkout.
      const local = entry.startsWith("/opt/flotilla/") ? join(ROOT, entry.slice("/opt/flotilla/".length)) : ARTIFACT;
      const r = sh(process.execPath, [...ep.slice(1, -1), local, "--version"]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^flotilla-(master|worker) ${AGENT_VERSION.replace(/\./g, "\\.")}\\n$`));
    });
  }

  it("the build context keeps sources and drops local build output", () => {
    const ignore = readFileSync(join(ROOT, ".dockerignore"), "utf8");
    for (const p of ["**/node_modules", "**/dist", "data", ".git"]) assert.ok(ignore.split("\n").includes(p), `${p} ignored`);
    for (const p of ["package.json", "package-lock.json", "proto", "prisma", "master", "worker", "shared", "ui", "scripts"])
      assert.ok(!ignore.split("\n").includes(p), `${p} kept`);
  });

  it("compose.yaml: master, worker with the host mounts, Prometheus scraping the master", () => {
    const doc = yaml.load(readFileSync(join(ROOT, "deploy/compose.yaml"), "utf8")) as { services: Record<string, any> };
    assert.deepEqual(Object.keys(doc.services).sort(), ["master", "prometheus", "worker"]);
    const w = doc.services.worker;
    for (const m of ["/var/run/docker.sock:/var/run/docker.sock", "/proc:/host/proc:ro", "/sys:/host/sys:ro", "/:/host:ro"])
      assert.ok(w.volumes.includes(m), m);
    assert.equal(w.environment.FLOTILLA_MASTER, doc.services.master.environment.FLOTILLA_ADVERTISE_GRPC_ADDR);
    const mount = (doc.services.prometheus.volumes as string[]).find((v) => v.includes("compose-scrape.yml"))!;
    const scrape = join(ROOT, "deploy", mount.split(":")[0]!);
    assert.match(readFileSync(scrape, "utf8"), /targets: \["master:8080"\]/);
    const check = sh("promtool", ["check", "config", scrape]);
    assert.equal(check.status, 0, check.stdout + check.stderr);
  });

  describe("the worker artifact in a container (Node copied into local/busybox:1)", () => {
    let m: MasterProc;
    let ctxDir: string;
    before(async function () {
      if (sh("docker", ["image", "inspect", "local/busybox:1"]).status !== 0) throw new Error("local/busybox:1 missing (scripts/docker-image.sh)");
      ctxDir = mkdtempSync(join(tmpdir(), "flotilla-image-"));
      // Node and the shared libraries it links, at their host paths.
      const libs = sh("ldd", [process.execPath]).stdout.match(/\/\S+\.so[.\d]*/g) ?? [];
      for (const f of [process.execPath, ...libs]) {
        mkdirSync(join(ctxDir, "rootfs", dirname(f)), { recursive: true });
        copyFileSync(f, join(ctxDir, "rootfs", f));
      }
      mkdirSync(join(ctxDir, "rootfs/opt/flotilla-worker"), { recursive: true });
      copyFileSync(ARTIFACT, join(ctxDir, "rootfs/opt/flotilla-worker/flotilla-worker.mjs"));
      sh("chmod", ["-R", "a+rX", join(ctxDir, "rootfs")]);
      writeFileSync(
        join(ctxDir, "Dockerfile"),
        `FROM local/busybox:1\nCOPY rootfs/ /\nWORKDIR /tmp\nENTRYPOINT ["${process.execPath}", "/opt/flotilla-worker/flotilla-worker.mjs"]\n`,
      );
      const b = sh("docker", ["build", "-q", "-t", IMAGE, ctxDir]);
      assert.equal(b.status, 0, b.stderr);
      m = await startMaster();
    });
    after(async () => {
      await m?.cleanup();
      sh("docker", ["rm", "-f", "flotilla-worker-test"]);
      sh("docker", ["image", "rm", "-f", IMAGE]);
      if (ctxDir) rmSync(ctxDir, { recursive: true, force: true });
    });

    // Runs as root: the locally imported base has a 0700 root directory, which
    // the engine keeps; the deploy/ images run as the node user.
    it("runs --version and enrolls against a master from inside a container", async () => {
      const v = sh("docker", ["run", "--rm", IMAGE, "--version"]);
      assert.equal(v.status, 0, v.stderr);
      assert.equal(v.stdout, `flotilla-worker ${AGENT_VERSION}\n`);
      const tok = await m.api.post<{ token: string }>("/enrollment-tokens", { name: "container", labels: { via: "container" } });
      const run = sh("docker", [
        "run",
        "-d",
        "--name",
        "flotilla-worker-test",
        "--network",
        "host",
        "-e",
        `FLOTILLA_JOIN_TOKEN=${tok.token}`,
        "-e",
        "FLOTILLA_STATE_DIR=/tmp/state",
        // The host mounts of deploy/compose.yaml.
        "-v",
        "/:/host:ro",
        "-v",
        "/proc:/host/proc:ro",
        "-v",
        "/sys:/host/sys:ro",
        "-e",
        "FLOTILLA_HOST_ROOT=/host",
        "-e",
        "FLOTILLA_PROC_ROOT=/host/proc",
        "-e",
        "FLOTILLA_SYS_ROOT=/host/sys",
        IMAGE,
        "--master",
        m.grpc,
      ]);
      assert.equal(run.status, 0, run.stderr);
      const deadline = Date.now() + 30_000;
      let online = false;
      while (!online && Date.now() < deadline) {
        const nodes = await m.api.get<{ items: { status: string; labels: Record<string, string> }[] }>("/nodes");
        online = nodes.items.some((n) => n.labels.via === "container" && n.status === "online");
        if (!online) await new Promise((r) => setTimeout(r, 300));
      }
      assert.ok(online, `worker in the container did not come online:\n${sh("docker", ["logs", "flotilla-worker-test"]).stdout.slice(-2000)}`);
    });
  });
});
