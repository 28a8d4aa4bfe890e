import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { mcpInventory } from "../../worker/src/scanners/mcp-inventory.js";
import { runScannersFrom } from "../../worker/src/scanners/runner.js";
import { redactArgs, redactText } from "../../worker/src/scanners/secrets.js";
import { captureLogger } from "./helpers.js";

/**
 * The credential corpus: each entry is one command line as it appears in an
 * MCP config, and the secret that must not survive. The first eleven are the
 * shapes an outside probe planted; the rest cover other common forms.
 */
const CORPUS: Array<{ name: string; args: string[]; secret: string }> = [
  {
    name: "--header with Authorization: Bearer",
    args: ["mcp-remote", "https://mcp.example.com", "--header", "Authorization: Bearer s3cr3tBearerValue77"],
    secret: "s3cr3tBearerValue77",
  },
  { name: "--key X", args: ["server", "--key", "plainKeyValue4411"], secret: "plainKeyValue4411" },
  {
    name: "positional ghp_ token",
    args: ["github-mcp", "ghp_1234567890abcdefABCDEF1234567890abcd"],
    secret: "ghp_1234567890abcdefABCDEF1234567890abcd",
  },
  { name: "-pPASS", args: ["mysql-mcp", "-uroot", "-pHunter2Password"], secret: "Hunter2Password" },
  {
    name: "--header=X-Api-Key: value",
    args: ["mcp-remote", "https://x.example.com", "--header=X-Api-Key: apiKeyValue99887"],
    secret: "apiKeyValue99887",
  },
  { name: "--bearer X", args: ["client", "--bearer", "bearerFlagValue5566"], secret: "bearerFlagValue5566" },
  {
    name: "positional xoxb- token",
    args: ["slack-mcp", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"],
    secret: "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
  },
  { name: "--token X", args: ["srv", "--token", "tokenFlagValue1212"], secret: "tokenFlagValue1212" },
  { name: "--api-key=X", args: ["srv", "--api-key=apiKeyEqualsValue3434"], secret: "apiKeyEqualsValue3434" },
  { name: "URL user info", args: ["pg-mcp", "postgres://app:dbPassw0rdValue@db.internal:5432/app"], secret: "dbPassw0rdValue" },
  { name: "NAME=value pair", args: ["env", "GITHUB_TOKEN=envPairValue5656", "node", "server.js"], secret: "envPairValue5656" },
  { name: "-H header", args: ["curl-mcp", "-H", "X-Auth-Token: shortHdrValue01"], secret: "shortHdrValue01" },
  { name: "AWS access key", args: ["aws-mcp", "AKIAIOSFODNN7EXAMPLE"], secret: "AKIAIOSFODNN7EXAMPLE" },
  { name: "OpenAI key", args: ["llm", "--model", "gpt", "sk-proj-AbCdEf1234567890GhIjKl"], secret: "sk-proj-AbCdEf1234567890GhIjKl" },
  {
    name: "Anthropic key in a URL query",
    args: ["https://proxy.example.com/v1?key=sk-ant-api03-AbCdEf1234567890xyz"],
    secret: "sk-ant-api03-AbCdEf1234567890xyz",
  },
  { name: "GitLab token", args: ["gitlab-mcp", "glpat-AbCdEf1234567890XyZw"], secret: "glpat-AbCdEf1234567890XyZw" },
  {
    name: "JWT",
    args: ["srv", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"],
    secret: "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
  },
  { name: "--password=X", args: ["db", "--password=pwEqualsValue7878"], secret: "pwEqualsValue7878" },
  { name: "--client-secret X", args: ["oauth", "--client-secret", "clientSecretValue9090"], secret: "clientSecretValue9090" },
  { name: "access_token query parameter", args: ["https://api.example.com/mcp?access_token=queryTokenValue2323"], secret: "queryTokenValue2323" },
  { name: "Bearer as its own argument", args: ["srv", "--auth-scheme", "Bearer", "looseBearerValue4545"], secret: "looseBearerValue4545" },
  { name: "high-entropy positional", args: ["srv", "Zx8Qp2Lm9Vt4Rk7Nw3Hs6Jd1Fg5Yb0Ce"], secret: "Zx8Qp2Lm9Vt4Rk7Nw3Hs6Jd1Fg5Yb0Ce" },
  { name: "Cookie header", args: ["srv", "--header", "Cookie: session=cookieSessionValue6767"], secret: "cookieSessionValue6767" },
  { name: "Stripe live key", args: ["stripe-mcp", "--api", "sk_live_AbCdEf1234567890abcd"], secret: "sk_live_AbCdEf1234567890abcd" },
  {
    name: "npm token in an attached flag",
    args: ["srv", "--registry-auth=npm_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"],
    secret: "npm_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
  },
];

/** KEPT are ordinary arguments redaction must leave alone. */
const KEPT = [
  "-y",
  "@modelcontextprotocol/server-filesystem",
  "/home/alice/projects",
  "--port",
  "8080",
  "-p8080:80",
  "run",
  "--rm",
  "-i",
  "ghcr.io/github/github-mcp-server:1.2.3",
  "--read-only",
  "mcp-server-time",
];

describe("scanner redaction corpus", () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "flotilla-redact-"));
    await mkdir(path.join(root, "etc"), { recursive: true });
    await writeFile(path.join(root, "etc/passwd"), "alice:x:1000:1000::/home/alice:/bin/bash\n");
    await mkdir(path.join(root, "home/alice/.cursor"), { recursive: true });
    const mcpServers: Record<string, unknown> = {};
    CORPUS.forEach((c, i) => {
      mcpServers[`srv${i}`] = { command: "npx", args: c.args };
    });
    mcpServers.plain = { command: "npx", args: KEPT };
    mcpServers.remote = {
      url: "https://u:urlPassValue1@mcp.example.com/sse?token=urlQueryValue2",
      headers: { Authorization: "Bearer headerMapValue3" },
    };
    await writeFile(path.join(root, "home/alice/.cursor/mcp.json"), JSON.stringify({ mcpServers }));
  });
  after(() => rm(root, { recursive: true, force: true }));

  for (const c of CORPUS) {
    it(`redacts ${c.name}`, () => {
      const out = redactArgs(c.args).join(" ");
      assert.ok(!out.includes(c.secret), `${c.name} leaked: ${out}`);
    });
  }

  it("keeps ordinary arguments as they are", () => {
    assert.deepEqual(redactArgs(KEPT), KEPT);
    assert.equal(redactText("Secret token found in config for GITHUB_TOKEN"), "Secret token found in config for GITHUB_TOKEN");
  });

  it("leaves no credential of the corpus in findings, the snapshot or the logs of a scan", async () => {
    const { log, lines } = captureLogger();
    const [run] = await runScannersFrom([mcpInventory], [], { hostRoot: root, docker: null, log });
    assert.ok(run!.success, run!.error);
    assert.equal(run!.findings.filter((f) => f.ruleId === "mcp-inventory/server").length, CORPUS.length + 2);
    const shipped = JSON.stringify({ findings: run!.findings, snapshot: run!.snapshot }) + lines.join("");
    const secrets = [...CORPUS.map((c) => c.secret), "urlPassValue1", "urlQueryValue2", "headerMapValue3"];
    assert.deepEqual(
      secrets.filter((s) => shipped.includes(s)),
      [],
    );
    assert.ok(shipped.includes("@modelcontextprotocol/server-filesystem"), "ordinary arguments are still reported");
  });
});
