import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startMaster, type TestMaster } from "./helpers.js";

const SCRIPT = new URL("./strict-reflection.py", import.meta.url).pathname;
const PROTO_DIR = new URL("../../proto/flotilla/v1/", import.meta.url).pathname;
/** Debian's interpreter, where python3-grpcio and python3-protobuf (C++ pool) are installed. */
const PYTHON = "/usr/bin/python3";

function hasGrpcio(): boolean {
  return spawnSync(PYTHON, ["-c", "import grpc"]).status === 0;
}

describe("grpc: reflection resolves in a strict descriptor pool (python grpcio)", function () {
  this.timeout(60_000);
  let m: TestMaster;
  let dir: string;
  before(async function () {
    if (!hasGrpcio()) {
      if (process.env.CI === "true") throw new Error("python3-grpcio is not installed (.ci/run installs it)");
      this.skip();
    }
    m = await startMaster();
    dir = mkdtempSync(join(tmpdir(), "flotilla-reflect-"));
    writeFileSync(join(dir, "ca.pem"), m.pki.caPem);
  });
  after(async () => {
    await m?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("resolves every service by symbol and every flotilla/v1 file by name, map entries named *Entry", async () => {
    const files = readdirSync(PROTO_DIR)
      .filter((f) => f.endsWith(".proto"))
      .map((f) => `flotilla/v1/${f}`);
    // Asynchronous: the master runs in this process.
    const r = await new Promise<{ status: number; stdout: string; stderr: string }>((done) =>
      execFile(
        PYTHON,
        [SCRIPT, `127.0.0.1:${m.port}`, join(dir, "ca.pem"), "flotilla-master", ...files],
        { encoding: "utf8", timeout: 50_000 },
        (err, stdout, stderr) => done({ status: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      ),
    );
    assert.equal(r.status, 0, `python exited ${r.status}: ${r.stderr}${r.stdout}`);
    const s = JSON.parse(r.stdout.trim().split("\n").pop()!) as {
      implementation: string;
      services: Record<string, { file: string; methods: number }>;
      files: Record<string, string[]>;
      map_entries: string[];
      messages: number;
      unknown_file_error: number;
    };
    assert.notEqual(s.implementation, "python", "a C++/upb descriptor pool, not the lenient pure-Python one");
    assert.deepEqual(Object.keys(s.services).sort(), [
      "flotilla.v1.EnrollmentService",
      "flotilla.v1.NodeService",
      "grpc.health.v1.Health",
      "grpc.reflection.v1.ServerReflection",
      "grpc.reflection.v1alpha.ServerReflection",
    ]);
    assert.equal(s.services["flotilla.v1.NodeService"]!.file, "flotilla/v1/node.proto");
    assert.equal(s.services["flotilla.v1.EnrollmentService"]!.file, "flotilla/v1/enrollment.proto");
    assert.ok(s.services["flotilla.v1.NodeService"]!.methods >= 2);
    assert.deepEqual(Object.keys(s.files).sort(), [...files].sort());
    assert.ok(s.files["flotilla/v1/node.proto"]!.includes("NodeService"));
    assert.ok(s.map_entries.length > 0, "the protos have map fields");
    for (const e of s.map_entries) assert.match(e, /Entry$/, `${e} is a map entry named as protoc names it`);
    assert.ok(s.messages > 20, `${s.messages} messages resolved`);
    assert.equal(s.unknown_file_error, 5, "an unknown file is NOT_FOUND");
  });
});
