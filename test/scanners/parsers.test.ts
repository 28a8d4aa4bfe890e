import assert from "node:assert/strict";
import { isUnpinnedImage } from "../../worker/src/scanners/docker/security-checks.js";
import { parseProcNet } from "../../worker/src/scanners/host/parse-proc-net.js";
import { parseJsonc } from "../../worker/src/scanners/mcp/jsonc.js";
import { packageSpec } from "../../worker/src/scanners/mcp/package-spec.js";
import { isSecretName, redactArgs, redactUrl } from "../../worker/src/scanners/secrets.js";

describe("scanner parsers and redaction", () => {
  it("recognises secret-looking names but not file pointers or ordinary names", () => {
    for (const name of ["DB_PASSWORD", "SECRET_TOKEN", "api_key", "OPENAI_API_KEY", "AWS_SECRET_ACCESS_KEY", "PRIVATE_KEY"])
      assert.ok(isSecretName(name), name);
    for (const name of ["PATH", "LOG_LEVEL", "DB_PASSWORD_FILE", "HOME"]) assert.ok(!isSecretName(name), name);
  });

  it("redacts secret flag values, NAME=value pairs and URL credentials", () => {
    assert.deepEqual(redactArgs(["--token", "abc", "--api-key=def", "-e", "DB_PASSWORD=ghi", "postgres://u:jkl@db/x", "--port", "5"]), [
      "--token",
      "[redacted]",
      "--api-key=[redacted]",
      "-e",
      "DB_PASSWORD=[redacted]",
      "postgres://[redacted]@db/x",
      "--port",
      "5",
    ]);
    assert.ok(!redactUrl("https://h/x?token=zzz&q=1").includes("zzz"));
  });

  it("tells pinned from unpinned run-time packages", () => {
    const pinned = (cmd: string, args: string[]) => packageSpec(cmd, args)?.pinned;
    assert.equal(pinned("npx", ["-y", "@scope/pkg"]), false);
    assert.equal(pinned("npx", ["-y", "@scope/pkg@latest"]), false);
    assert.equal(pinned("npx", ["-y", "@scope/pkg@1.2.3"]), true);
    assert.equal(pinned("uvx", ["mcp-server-git"]), false);
    assert.equal(pinned("uvx", ["mcp-server-git==0.6.2"]), true);
    assert.equal(pinned("docker", ["run", "-i", "--rm", "-e", "X", "ghcr.io/a/b"]), false);
    assert.equal(pinned("docker", ["run", "ghcr.io/a/b:1.0"]), true);
    assert.equal(packageSpec("node", ["server.js"]), null);
    assert.equal(isUnpinnedImage("nginx"), true);
    assert.equal(isUnpinnedImage("registry:5000/nginx:latest"), true);
    assert.equal(isUnpinnedImage("registry:5000/nginx:1.27"), false);
    assert.equal(isUnpinnedImage("nginx@sha256:" + "a".repeat(64)), false);
  });

  it("parses JSON with comments and trailing commas without touching strings", () => {
    assert.deepEqual(parseJsonc('{ // c\n "a": "x,}//y", /* z */ "b": [1,2,], }'), { a: "x,}//y", b: [1, 2] });
    assert.throws(() => parseJsonc("{ nope"));
  });

  it("decodes IPv6 and IPv4-mapped listening addresses", () => {
    const hdr = "sl local rem st tx rx tr tm retr uid timeout inode\n";
    const row = (addr: string) => `0: ${addr}:1F90 00000000000000000000000000000000:0000 0A 0:0 0:0 0 0 0 77 1\n`;
    const got = parseProcNet(hdr + row("00000000000000000000000001000000") + row("0000000000000000FFFF00000100007F"), "tcp", true);
    assert.deepEqual(
      got.map((s) => `${s.address} ${s.port}`),
      ["::1 8080", "::ffff:127.0.0.1 8080"],
    );
  });
});
