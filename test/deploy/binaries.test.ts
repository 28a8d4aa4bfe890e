import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AGENT_VERSION } from "@flotilla/shared";
import { MASTER_MAIN, WORKER_MAIN } from "../helpers/processes.js";

interface Run {
  code: number | null;
  stdout: string[];
  stderr: string[];
}

/** run starts a binary and collects its output until it exits (or 20 s). */
function run(main: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], {
      env: { ...process.env, FLOTILLA_LOG_LEVEL: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (err += c));
    const t = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${args.join(" ")} did not exit; output:\n${out}${err}`));
    }, 20_000);
    child.once("exit", (code) => {
      clearTimeout(t);
      const lines = (s: string) => s.split("\n").filter(Boolean);
      resolve({ code, stdout: lines(out), stderr: lines(err) });
    });
  });
}

/** fatalLine asserts that the run ended with exit 2 and exactly one fatal JSON line naming setting. */
function fatalLine(r: Run, setting: string): Record<string, unknown> {
  assert.equal(r.code, 2, JSON.stringify(r));
  assert.deepEqual(r.stderr, [], "nothing besides the JSON log");
  const records = r.stdout.map((l) => JSON.parse(l) as Record<string, unknown>);
  const fatal = records.filter((x) => x.level === "fatal");
  assert.equal(fatal.length, 1, `one fatal line: ${r.stdout.join("\n")}`);
  assert.equal(fatal[0]!.setting, setting);
  assert.match(String(fatal[0]!.msg), new RegExp(`^cannot start: ${setting}: `));
  return fatal[0]!;
}

function holdPort(): Promise<{ server: Server; addr: string }> {
  return new Promise((ok) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const a = server.address() as { port: number };
      ok({ server, addr: `127.0.0.1:${a.port}` });
    });
  });
}

describe("master and worker binaries", function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), "flotilla-bin-"));
    dirs.push(d);
    return d;
  };
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  for (const [name, main] of [
    ["flotilla-master", MASTER_MAIN],
    ["flotilla-worker", WORKER_MAIN],
  ] as const) {
    it(`${name} --help prints usage with every flag on stdout and exits 0`, async () => {
      const r = await run(main, ["--help"]);
      assert.equal(r.code, 0);
      assert.deepEqual(r.stderr, []);
      assert.equal(r.stdout[0], `Usage: ${name} [flags]`);
      const flags =
        name === "flotilla-master"
          ? ["--grpc-addr VALUE", "--database-url VALUE", "FLOTILLA_DATA_DIR"]
          : ["--master VALUE", "--join-token VALUE", "--state-dir VALUE", "FLOTILLA_STATE_DIR"];
      for (const f of flags)
        assert.ok(
          r.stdout.some((l) => l.includes(f)),
          `${f} in help`,
        );
      // --help wins over an otherwise invalid command line.
      assert.equal((await run(main, ["--bogus", "--help"])).code, 0);
    });

    it(`${name} --version prints the version and exits 0`, async () => {
      for (const flag of ["--version", "-V"]) {
        const r = await run(main, [flag]);
        assert.equal(r.code, 0);
        assert.deepEqual(r.stdout, [`${name} ${AGENT_VERSION}`]);
      }
    });

    it(`${name} names an unknown flag as unknown, bare or with a value`, async () => {
      for (const args of [["--bogus"], ["--bogus", "x"], ["--bogus=x"]]) {
        const r = await run(main, args);
        assert.equal(r.code, 2);
        assert.deepEqual(r.stderr, [`${name}: invalid configuration: --bogus: unknown flag (see --help)`]);
      }
    });
  }

  it("master: a busy gRPC address exits 2 with one JSON line naming --grpc-addr", async () => {
    const { server, addr } = await holdPort();
    try {
      const r = await run(MASTER_MAIN, ["--data-dir", tmp(), "--http-addr", "127.0.0.1:0", "--grpc-addr", addr]);
      const f = fatalLine(r, "--grpc-addr");
      assert.match(String(f.msg), new RegExp(`cannot listen on ${addr}`));
    } finally {
      server.close();
    }
  });

  it("master: a busy HTTP address exits 2 with one JSON line naming --http-addr", async () => {
    const { server, addr } = await holdPort();
    try {
      const r = await run(MASTER_MAIN, ["--data-dir", tmp(), "--http-addr", addr, "--grpc-addr", "127.0.0.1:0"]);
      assert.match(String(fatalLine(r, "--http-addr").msg), /address already in use/);
    } finally {
      server.close();
    }
  });

  it("master: PostgreSQL refusing connections exits 2 naming --database-url, without the password", async () => {
    const { server, addr } = await holdPort();
    server.close(); // a port nobody listens on
    const r = await run(MASTER_MAIN, [
      "--data-dir",
      tmp(),
      "--http-addr",
      "127.0.0.1:0",
      "--grpc-addr",
      "127.0.0.1:0",
      "--database-url",
      `postgres://flotilla:s3cret-pw@${addr}/flotilla`,
    ]);
    const f = fatalLine(r, "--database-url");
    assert.match(String(f.msg), /ECONNREFUSED/);
    assert.doesNotMatch(r.stdout.join("\n"), /s3cret-pw/);
  });

  it("master: a data dir under a regular file exits 2 naming --data-dir", async () => {
    const file = join(tmp(), "plain-file");
    writeFileSync(file, "x");
    const r = await run(MASTER_MAIN, ["--data-dir", join(file, "data"), "--http-addr", "127.0.0.1:0", "--grpc-addr", "127.0.0.1:0"]);
    assert.match(String(fatalLine(r, "--data-dir").msg), /ENOTDIR/);
  });

  it("worker: a state dir under a regular file exits 2 naming --state-dir", async () => {
    const file = join(tmp(), "plain-file");
    writeFileSync(file, "x");
    const r = await run(WORKER_MAIN, ["--master", "127.0.0.1:1", "--state-dir", join(file, "state")]);
    assert.match(String(fatalLine(r, "--state-dir").msg), /ENOTDIR/);
  });

  it("worker: a malformed join token is one stderr line naming --join-token", async () => {
    const r = await run(WORKER_MAIN, ["--master", "127.0.0.1:1", "--join-token", "not-a-token"]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.length, 1);
    assert.match(r.stderr[0]!, /^flotilla-worker: invalid configuration: --join-token: /);
  });
});
