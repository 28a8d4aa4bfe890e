// Generates the two Prisma clients (SQLite and PostgreSQL) from
// prisma/schema.prisma, and with `diff <name>` writes the next SQL migration
// for both providers. No Prisma engine binary is downloaded: generation runs
// with the schema engine disabled, diffs use Prisma's JS schema engine.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const prismaBin = join(root, "node_modules/.bin/prisma");
const sqliteSchema = join(root, "prisma/schema.prisma");
const pgSchema = join(root, "prisma/postgres/schema.prisma");

/** Derives the PostgreSQL schema from the SQLite one. */
export function writePostgresSchema() {
  const src = readFileSync(sqliteSchema, "utf8")
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('url      = "file:./dev.db"', 'url      = "postgresql://localhost/flotilla"')
    .replace("../master/src/generated/sqlite", "../../master/src/generated/postgres");
  mkdirSync(join(root, "prisma/postgres"), { recursive: true });
  writeFileSync(pgSchema, "// GENERATED from ../schema.prisma by scripts/prisma.mjs. Do not edit.\n" + src);
}

function run(args, extraEnv = {}) {
  return execFileSync(prismaBin, args, {
    cwd: root,
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false", PRISMA_HIDE_UPDATE_MESSAGE: "1", ...extraEnv },
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
}

export function generate() {
  writePostgresSchema();
  run(["generate", "--schema", sqliteSchema]);
  run(["generate", "--schema", pgSchema]);
}

function previousSchema(provider) {
  const dir = join(root, "prisma/migrations", provider);
  const snaps = readdirSync(dir)
    .filter((f) => f.endsWith(".prisma"))
    .sort();
  return snaps.length ? join(dir, snaps[snaps.length - 1]) : null;
}

function diff(name) {
  writePostgresSchema();
  for (const [provider, schema] of [
    ["sqlite", sqliteSchema],
    ["postgres", pgSchema],
  ]) {
    const dir = join(root, "prisma/migrations", provider);
    mkdirSync(dir, { recursive: true });
    const prev = previousSchema(provider);
    const n = readdirSync(dir).filter((f) => f.endsWith(".sql")).length + 1;
    const id = `${String(n).padStart(4, "0")}_${name}`;
    const config = join(root, `prisma/.diff-${provider}.config.mjs`);
    const adapter =
      provider === "sqlite"
        ? `import { PrismaBetterSQLite3 as A } from "@prisma/adapter-better-sqlite3"; const a = () => new A({ url: ":memory:" });`
        : `import { PrismaPg as A } from "@prisma/adapter-pg"; const a = () => new A({ connectionString: process.env.FLOTILLA_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test" });`;
    writeFileSync(
      config,
      `import { defineConfig } from "prisma/config";\n${adapter}\nexport default defineConfig({ experimental: { adapter: true }, engine: "js", schema: ${JSON.stringify(schema)}, async adapter() { return a(); } });\n`,
    );
    const from = prev ? ["--from-schema-datamodel", prev] : ["--from-empty"];
    const sql = run(["migrate", "diff", "--config", config, ...from, "--to-schema-datamodel", schema, "--script"]);
    execFileSync("rm", ["-f", config]);
    if (!/CREATE|ALTER|DROP/.test(sql)) {
      console.log(`${provider}: no changes`);
      continue;
    }
    writeFileSync(join(dir, `${id}.sql`), sql);
    writeFileSync(join(dir, `${id}.prisma`), readFileSync(schema, "utf8"));
    console.log(`${provider}: wrote ${id}.sql`);
  }
}

if (process.argv[1] && process.argv[1].endsWith("prisma.mjs")) {
  const [cmd, name] = process.argv.slice(2);
  if (cmd === "generate") generate();
  else if (cmd === "diff" && name && /^[a-z0-9_]+$/.test(name)) diff(name);
  else {
    console.error("usage: node scripts/prisma.mjs generate | diff <name>");
    process.exit(2);
  }
}
