import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { mcpInventory, type McpInventory } from "../../worker/src/scanners/mcp-inventory.js";
import { FIXTURES, testContext } from "./helpers.js";

const ROOT = path.join(FIXTURES, "a");
const OUTSIDE = "/tmp/flotilla-fixture-outside";
const SECRET_VALUES = ["ghp_fixtureLiteralValue9f8e7d6c5b4a", "fixtureQueryValue31337", "fixtureHeaderValue424242"];

async function scan(root = ROOT) {
  const t = testContext(root);
  const out = await mcpInventory.scan(t.ctx);
  return { out, inv: out.snapshot as McpInventory, lines: t.lines };
}

const server = (inv: McpInventory, name: string) => {
  const s = inv.servers.find((x) => x.name === name);
  assert.ok(s, `server ${name} inventoried`);
  return s;
};

describe("mcp-inventory scanner", () => {
  before(async () => {
    // A config outside the host root, reachable only by following symlinks out of it.
    await mkdir(OUTSIDE, { recursive: true });
    await writeFile(path.join(OUTSIDE, "mcp.json"), JSON.stringify({ mcpServers: { escaped: { command: "sh" } } }));
  });
  after(() => rm(OUTSIDE, { recursive: true, force: true }));

  it("inventories servers of every client, including project files and JSONC settings", async () => {
    const { inv } = await scan();
    const got = inv.servers.map((s) => `${s.client} ${s.config_path} ${s.name}`).sort();
    assert.deepEqual(got, [
      "claude-code /home/alice/projects/app/.mcp.json fetch",
      "claude-desktop /home/alice/.config/Claude/claude_desktop_config.json everything-fs",
      "claude-desktop /home/alice/.config/Claude/claude_desktop_config.json github",
      "claude-desktop /home/alice/.config/Claude/claude_desktop_config.json remote-notes",
      "cursor /home/alice/.cursor/mcp.json docs-reader",
      "cursor /home/alice/.cursor/mcp.json terminal",
      "vscode /home/alice/.config/Code/User/settings.json time",
    ]);
    assert.deepEqual(inv.homes, ["/home/alice", "/root"]);
    const gh = server(inv, "github");
    assert.equal(gh.command, "docker");
    assert.deepEqual(gh.env_names, ["GITHUB_PERSONAL_ACCESS_TOKEN"]);
    assert.equal(server(inv, "remote-notes").transport, "http");
    assert.deepEqual(server(inv, "remote-notes").header_names, ["Authorization"]);
  });

  it("rates a shell-capable server above a read-only one", async () => {
    const { inv, out } = await scan();
    const shell = server(inv, "terminal");
    const reader = server(inv, "docs-reader");
    assert.ok(shell.risk_score > reader.risk_score, `${shell.risk_score} > ${reader.risk_score}`);
    assert.equal(reader.risk_score, 0);
    assert.equal(shell.risk_level, "high");
    const rules = (name: string) =>
      out.findings
        .filter((f) => f.resource.endsWith(`#${name}`))
        .map((f) => f.ruleId)
        .sort();
    assert.deepEqual(rules("terminal"), ["mcp-inventory/server", "mcp-inventory/shell-access"]);
    assert.deepEqual(rules("docs-reader"), ["mcp-inventory/server"]);
  });

  it("reports unrestricted filesystem, unpinned packages, plain http and literal secrets", async () => {
    const { out } = await scan();
    const rules = (name: string) =>
      out.findings
        .filter((f) => f.resource.endsWith(`#${name}`))
        .map((f) => f.ruleId)
        .filter((r) => r !== "mcp-inventory/server")
        .sort();
    assert.deepEqual(rules("everything-fs"), ["mcp-inventory/unpinned-package", "mcp-inventory/unrestricted-filesystem"]);
    assert.deepEqual(rules("github"), ["mcp-inventory/secret-in-config", "mcp-inventory/unpinned-package"]);
    assert.deepEqual(rules("remote-notes"), ["mcp-inventory/insecure-transport"]);
    // An env reference (${API_TOKEN}) is not a stored secret; the package is still unpinned.
    assert.deepEqual(rules("fetch"), ["mcp-inventory/unpinned-package"]);
    assert.deepEqual(rules("time"), []);
    const secret = out.findings.find((f) => f.ruleId === "mcp-inventory/secret-in-config");
    assert.deepEqual(secret?.evidence.env_names, ["GITHUB_PERSONAL_ACCESS_TOKEN"]);
  });

  it("never outputs secret values from env, headers or URLs", async () => {
    const { out, lines } = await scan();
    const everything = JSON.stringify(out) + lines.join("");
    for (const v of SECRET_VALUES) assert.ok(!everything.includes(v), `value ${v} leaked`);
    assert.ok(everything.includes("GITHUB_PERSONAL_ACCESS_TOKEN"), "the name is reported");
  });

  it("reports malformed configs as a low finding and never follows symlinks out of the root", async () => {
    const { out, inv } = await scan();
    const bad = out.findings.filter((f) => f.ruleId === "mcp-inventory/malformed-config");
    assert.deepEqual(
      bad.map((f) => [f.resource, f.severity]),
      [["mcp-config:/root/.claude.json", "low"]],
    );
    assert.ok(!inv.servers.some((s) => s.name === "escaped"));
  });

  it("skips config files larger than 1 MiB", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "flotilla-mcp-"));
    try {
      await mkdir(path.join(root, "home/bob/.cursor"), { recursive: true });
      const big = { mcpServers: { big: { command: "sh" } }, pad: "x".repeat(1024 * 1024) };
      await writeFile(path.join(root, "home/bob/.cursor/mcp.json"), JSON.stringify(big));
      const { inv, out } = await scan(root);
      assert.deepEqual(inv.servers, []);
      assert.deepEqual(inv.configs, [{ client: "cursor", path: "/home/bob/.cursor/mcp.json", status: "too_large", servers: 0 }]);
      assert.deepEqual(out.findings, []);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
