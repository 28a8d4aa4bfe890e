import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startMaster, type MasterProc } from "../helpers/processes.js";

const DIRS = ["", "tls"];
const SECRETS = ["jwt.key", "webhooks.key", "tls/ca.key", "tls/server.key", "flotilla.db"];
const PUBLIC = ["tls/ca.crt", "tls/server.crt"];

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

/** modes maps each data dir entry that must be owner-only to its mode (octal text). */
function modes(dataDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of DIRS) out[d || "."] = modeOf(join(dataDir, d));
  for (const f of [...SECRETS, "flotilla.db-wal", "flotilla.db-shm"]) if (existsSync(join(dataDir, f))) out[f] = modeOf(join(dataDir, f));
  return out;
}

function expected(dataDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of DIRS) out[d || "."] = "700";
  for (const f of [...SECRETS, "flotilla.db-wal", "flotilla.db-shm"]) if (existsSync(join(dataDir, f))) out[f] = "600";
  return out;
}

describe("deploy: file modes of the master's data dir", function () {
  this.timeout(120_000);
  let parent: string;
  let m: MasterProc | undefined;
  before(() => {
    parent = mkdtempSync(join(tmpdir(), "flotilla-modes-"));
  });
  after(async () => {
    await m?.cleanup();
    rmSync(parent, { recursive: true, force: true });
  });

  it("creates the data dir 0700 and the keys and the SQLite file 0600 on a fresh start (umask 022)", async () => {
    const dataDir = join(parent, "data");
    const prev = process.umask(0o022);
    try {
      m = await startMaster({ dataDir, dbUrl: `file:${join(dataDir, "flotilla.db")}` });
    } finally {
      process.umask(prev);
    }
    for (const f of SECRETS) assert.ok(existsSync(join(dataDir, f)), `${f} exists after the first start`);
    assert.deepEqual(modes(dataDir), expected(dataDir));
    for (const f of PUBLIC) assert.equal(modeOf(join(dataDir, f)), "644", `${f} is public`);
  });

  it("tightens looser modes of existing files at the next start, with a warning naming each", async () => {
    const dataDir = join(parent, "data");
    await m!.kill("SIGTERM");
    for (const d of DIRS) chmodSync(join(dataDir, d), 0o755);
    for (const f of SECRETS) chmodSync(join(dataDir, f), 0o644);
    m = await m!.restart();
    assert.deepEqual(modes(dataDir), expected(dataDir));
    const warned = m.lines
      .map((l) => {
        try {
          return JSON.parse(l) as { msg?: string; path?: string; mode?: string };
        } catch {
          return {};
        }
      })
      .filter((r) => r.msg === "data dir file was readable by others; tightened");
    for (const p of [dataDir, join(dataDir, "tls"), ...SECRETS.filter((f) => f !== "flotilla.db").map((f) => join(dataDir, f))])
      assert.ok(
        warned.some((w) => w.path === p),
        `a warning for ${p}: ${JSON.stringify(warned)}`,
      );
  });
});
