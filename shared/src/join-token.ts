import { createHash, X509Certificate } from "node:crypto";

/**
 * A join token is one opaque string: `flt1.<token id>.<secret>.<ca sha256>`.
 * The id names the token row, the secret (>=128 random bits, base64url) is
 * checked against a stored hash, and the CA hash pins the master's CA so the
 * worker never trusts on first use.
 */
export interface JoinToken {
  id: string;
  secret: string;
  /** Lowercase hex SHA-256 of the master's CA certificate (DER). */
  caSha256: string;
}

const PREFIX = "flt1";
const ID = /^[A-Za-z0-9_-]{8,64}$/;
const SECRET = /^[A-Za-z0-9_-]{22,128}$/;
const HASH = /^[0-9a-f]{64}$/;

/** formatJoinToken renders a JoinToken as its string form. */
export function formatJoinToken(t: JoinToken): string {
  return `${PREFIX}.${t.id}.${t.secret}.${t.caSha256}`;
}

/** parseJoinToken parses the string form; returns null when malformed. */
export function parseJoinToken(raw: string): JoinToken | null {
  if (typeof raw !== "string" || raw.length > 300) return null;
  const parts = raw.trim().split(".");
  if (parts.length !== 4 || parts[0] !== PREFIX) return null;
  const [, id, secret, hash] = parts as [string, string, string, string];
  if (!ID.test(id) || !SECRET.test(secret) || !HASH.test(hash)) return null;
  return { id, secret, caSha256: hash };
}

/** derFingerprint returns the lowercase hex SHA-256 of a certificate's DER bytes: the CA hash a join token carries. */
export function derFingerprint(der: Uint8Array): string {
  return createHash("sha256").update(der).digest("hex");
}

/** caFingerprint returns {@link derFingerprint} of a PEM certificate. */
export function caFingerprint(pem: string): string {
  return derFingerprint(new X509Certificate(pem).raw);
}
