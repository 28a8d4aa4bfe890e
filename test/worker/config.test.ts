import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ConfigError } from "@flotilla/shared";
import { loadWorkerConfig, parseBytes } from "../../worker/src/config.js";

const TOKEN = `flt1.tok_abcdefgh.${"s".repeat(32)}.${"a".repeat(64)}`;

function fails(argv: string[], env: NodeJS.ProcessEnv, setting: string): ConfigError {
  try {
    loadWorkerConfig(argv, env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
    assert.equal(err.setting, setting);
    assert.ok(!err.message.includes("\n"), "one line");
    return err;
  }
  assert.fail("expected a ConfigError");
}

describe("worker config", () => {
  it("applies defaults", () => {
    const c = loadWorkerConfig(["--master", "10.0.0.1:50051"], {});
    assert.deepEqual(c.master, { host: "10.0.0.1", port: 50051 });
    assert.equal(c.stateDir, resolve("./worker-state"));
    assert.equal(c.dockerSocket, "/var/run/docker.sock");
    assert.equal(c.metricsIntervalMs, 15_000);
    assert.equal(c.spoolMaxBytes, 64 * 1024 * 1024);
    assert.equal(c.spoolMaxAgeMs, 24 * 3_600_000);
    assert.equal(c.procRoot, "/proc");
    assert.equal(c.sysRoot, "/sys");
    assert.equal(c.hostRoot, "/");
    assert.equal(c.allowContainerActions, true);
    assert.equal(c.insecure, false);
    assert.deepEqual(c.labels, {});
    assert.equal(c.joinToken, undefined);
  });

  it("takes environment over defaults and flags over environment", () => {
    const env = {
      FLOTILLA_MASTER: "env-master:1",
      FLOTILLA_STATE_DIR: "/tmp/env-state",
      FLOTILLA_LABELS: "env=1",
      FLOTILLA_JOIN_TOKEN: TOKEN,
      FLOTILLA_DOCKER_SOCKET: "/env.sock",
    };
    const fromEnv = loadWorkerConfig([], env);
    assert.deepEqual(fromEnv.master, { host: "env-master", port: 1 });
    assert.equal(fromEnv.stateDir, "/tmp/env-state");
    assert.deepEqual(fromEnv.labels, { env: "1" });
    assert.equal(fromEnv.joinToken, TOKEN);
    assert.equal(fromEnv.dockerSocket, "/env.sock");
    const fromFlags = loadWorkerConfig(
      [
        "--master",
        "flag-master:2",
        "--state-dir=/tmp/flag-state",
        "--labels",
        "role=web,zone=a",
        "--docker-socket",
        "/flag.sock",
        "--metrics-interval",
        "2s",
        "--spool-max-bytes",
        "1MiB",
        "--spool-max-age",
        "1h",
        "--disable-collectors",
        "cpu, network",
        "--allow-container-actions",
        "false",
        "--insecure",
      ],
      env,
    );
    assert.deepEqual(fromFlags.master, { host: "flag-master", port: 2 });
    assert.equal(fromFlags.stateDir, "/tmp/flag-state");
    assert.deepEqual(fromFlags.labels, { role: "web", zone: "a" });
    assert.equal(fromFlags.dockerSocket, "/flag.sock");
    assert.equal(fromFlags.metricsIntervalMs, 2000);
    assert.equal(fromFlags.spoolMaxBytes, 1024 * 1024);
    assert.equal(fromFlags.spoolMaxAgeMs, 3_600_000);
    assert.deepEqual(fromFlags.disableCollectors, ["cpu", "network"]);
    assert.equal(fromFlags.allowContainerActions, false);
    assert.equal(fromFlags.insecure, true);
  });

  it("names the setting that is wrong", () => {
    assert.match(fails([], {}, "--master").message, /required/);
    fails(["--master", "nohost"], {}, "--master");
    fails([], { FLOTILLA_MASTER: "x:99999" }, "FLOTILLA_MASTER");
    assert.match(fails(["--master", "m:1", "--join-token", "nope"], {}, "--join-token").message, /malformed join token/);
    fails(["--master", "m:1", "--labels", "bad label"], {}, "--labels");
    fails(["--master", "m:1", "--metrics-interval", "soon"], {}, "--metrics-interval");
    fails(["--master", "m:1", "--spool-max-bytes", "lots"], {}, "--spool-max-bytes");
    fails(["--master", "m:1", "--log-level", "loud"], {}, "--log-level");
    fails(["--master", "m:1", "--allow-container-actions", "maybe"], {}, "--allow-container-actions");
    fails(["--master", "m:1", "--frobnicate", "1"], {}, "--frobnicate");
  });

  it("reads the join token from --join-token-file or FLOTILLA_JOIN_TOKEN_FILE; a flag overrides the other's environment variable", () => {
    const dir = mkdtempSync(join(tmpdir(), "flotilla-cfg-"));
    try {
      const file = join(dir, "token");
      writeFileSync(file, `  ${TOKEN}\n`, { mode: 0o600 });
      assert.equal(loadWorkerConfig(["--master", "m:1", "--join-token-file", file], {}).joinToken, TOKEN);
      assert.equal(loadWorkerConfig(["--master", "m:1"], { FLOTILLA_JOIN_TOKEN_FILE: file }).joinToken, TOKEN);
      const other = TOKEN.replace("tok_abcdefgh", "tok_otherone");
      assert.equal(loadWorkerConfig(["--master", "m:1", "--join-token-file", file], { FLOTILLA_JOIN_TOKEN: other }).joinToken, TOKEN);
      assert.equal(loadWorkerConfig(["--master", "m:1", "--join-token", other], { FLOTILLA_JOIN_TOKEN_FILE: file }).joinToken, other);
      assert.match(
        fails(["--master", "m:1"], { FLOTILLA_JOIN_TOKEN: other, FLOTILLA_JOIN_TOKEN_FILE: file }, "--join-token-file").message,
        /not both/,
      );
      assert.match(fails(["--master", "m:1", "--join-token-file", join(dir, "none")], {}, "--join-token-file").message, /cannot read .*ENOENT/);
      writeFileSync(file, "nope\n");
      assert.match(fails(["--master", "m:1", "--join-token-file", file], {}, "--join-token-file").message, /malformed join token/);
      assert.ok(
        !fails(["--master", "m:1", "--join-token-file", file], {}, "--join-token-file").message.includes("nope"),
        "the file's content is not echoed",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("parses sizes", () => {
    assert.equal(parseBytes("64MiB"), 64 * 1024 * 1024);
    assert.equal(parseBytes("10MB"), 10_000_000);
    assert.equal(parseBytes("2048"), 2048);
    assert.throws(() => parseBytes("-1"));
  });
});
