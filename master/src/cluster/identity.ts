import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { ConfigError } from "@flotilla/shared";
import type { MasterContext } from "../context.js";
import { loadJwtKey } from "../http/auth/tokens.js";
import { createPki } from "../pki/index.js";
import { loadSecretBox } from "../webhooks/secret.js";
import { createClusterSecretStore } from "./cluster-secret-store.js";

/** SECRETS are the data-dir files that make a master's identity: the CA, the JWT signing key and the key sealing webhook secrets. */
const SECRETS = [
  { name: "ca.crt", file: "tls/ca.crt", mode: 0o644, binary: false },
  { name: "ca.key", file: "tls/ca.key", mode: 0o600, binary: false },
  { name: "jwt.key", file: "jwt.key", mode: 0o600, binary: true },
  { name: "webhooks.key", file: "webhooks.key", mode: 0o600, binary: false },
] as const;

type Secret = (typeof SECRETS)[number];

async function readLocal(dataDir: string, s: Secret): Promise<string | null> {
  try {
    const buf = await readFile(join(dataDir, s.file));
    return s.binary ? buf.toString("base64") : buf.toString("utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

async function writeLocal(dataDir: string, s: Secret, value: string): Promise<void> {
  const path = join(dataDir, s.file);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, s.binary ? Buffer.from(value, "base64") : value, { mode: s.mode });
  await chmod(path, s.mode);
}

/** IdentityOutcome says which secrets this replica took from the cluster and which it contributed. */
export interface IdentityOutcome {
  adopted: string[];
  published: string[];
}

/**
 * shareClusterIdentity gives every replica on one PostgreSQL database the
 * same CA and JWT signing key, so a worker enrolled through one replica is
 * trusted by all and a token issued by one is accepted by every other (the
 * sessions already live in the database). Under an advisory lock, the first
 * replica publishes its own (or freshly created) secrets to `ClusterSecret`;
 * later ones write the cluster's into their data dir. A data dir that holds
 * a different CA or key stops the start, naming --data-dir: silently
 * replacing it would orphan the workers that trust it.
 */
export async function shareClusterIdentity(ctx: Pick<MasterContext, "db" | "log" | "config">): Promise<IdentityOutcome> {
  const dataDir = ctx.config.dataDir;
  const outcome = await createClusterSecretStore(ctx).underLock(async (secrets) => {
    const cluster = await secrets.all();
    const out: IdentityOutcome = { adopted: [], published: [] };
    if (cluster.has("ca.crt") !== cluster.has("ca.key"))
      throw ConfigError.startup("--database-url", "the cluster's CA is incomplete in the database (ClusterSecret holds only one of ca.crt, ca.key)");
    for (const s of SECRETS) {
      const value = cluster.get(s.name);
      if (value === undefined) continue;
      const local = await readLocal(dataDir, s);
      if (local === null) {
        await writeLocal(dataDir, s, value);
        out.adopted.push(s.name);
      } else if (local !== value) {
        throw ConfigError.startup(
          "--data-dir",
          `${join(dataDir, s.file)} differs from the cluster's ${s.name}: this data dir belongs to another master; start the replica with an empty data dir`,
        );
      }
    }
    // What the cluster lacks comes from this replica: its own files, created if missing.
    if (!cluster.has("ca.crt")) await createPki(dataDir, { names: ctx.config.tlsNames });
    if (!cluster.has("jwt.key")) loadJwtKey(dataDir);
    if (!cluster.has("webhooks.key")) loadSecretBox(dataDir);
    for (const s of SECRETS) {
      if (cluster.has(s.name)) continue;
      await secrets.publish(s.name, (await readLocal(dataDir, s))!);
      out.published.push(s.name);
    }
    return out;
  });
  ctx.log.info({ adopted: outcome.adopted, published: outcome.published }, "cluster identity shared through the database");
  return outcome;
}
