import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { errors } from "@flotilla/shared";

/** SECRET_PREFIX starts every Standard Webhooks signing secret. */
export const SECRET_PREFIX = "whsec_";

/** generateSecret returns a new signing secret: `whsec_` + base64 of 24 random bytes. */
export function generateSecret(): string {
  return SECRET_PREFIX + randomBytes(24).toString("base64");
}

/**
 * checkSecret validates a caller-supplied secret: `whsec_` + base64 of 24 to
 * 64 bytes. Throws invalid_argument naming the `secret` field.
 */
export function checkSecret(secret: string): void {
  const bad = (message: string) => errors.invalid("invalid secret", [{ field: "secret", message }]);
  if (!secret.startsWith(SECRET_PREFIX)) throw bad(`must start with ${SECRET_PREFIX}`);
  const b64 = secret.slice(SECRET_PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw bad("must be whsec_ followed by base64");
  const n = Buffer.from(b64, "base64").length;
  if (n < 24 || n > 64) throw bad("must carry 24 to 64 bytes of key material");
}

/** secretKeyBytes returns the HMAC key of a secret (the base64-decoded part). */
export function secretKeyBytes(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
}

/** SecretBox encrypts secrets at rest: they must be recoverable to sign. */
export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

/**
 * loadSecretBox reads (or creates, mode 0600) `<dataDir>/webhooks.key`, a
 * 256-bit key, and returns an AES-256-GCM box `v1.<iv>.<tag>.<ciphertext>`.
 * Replicas sharing one database need the same key file.
 */
export function loadSecretBox(dataDir: string): SecretBox {
  const file = join(dataDir, "webhooks.key");
  let key: Buffer;
  if (existsSync(file)) key = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
  else {
    mkdirSync(dataDir, { recursive: true });
    key = randomBytes(32);
    writeFileSync(file, key.toString("base64") + "\n", { mode: 0o600, flag: "wx" });
    chmodSync(file, 0o600);
  }
  if (key.length !== 32) throw new Error(`${file}: expected a base64 256-bit key`);
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv("aes-256-gcm", key, iv);
      const ct = Buffer.concat([c.update(plain, "utf8"), c.final()]);
      return ["v1", iv.toString("base64"), c.getAuthTag().toString("base64"), ct.toString("base64")].join(".");
    },
    open(sealed) {
      const [v, iv, tag, ct] = sealed.split(".");
      if (v !== "v1" || !iv || !tag || ct === undefined) throw new Error("unreadable sealed secret");
      const d = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
      d.setAuthTag(Buffer.from(tag, "base64"));
      return Buffer.concat([d.update(Buffer.from(ct, "base64")), d.final()]).toString("utf8");
    },
  };
}
