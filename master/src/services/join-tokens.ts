import { randomBytes } from "node:crypto";
import { errors, formatJoinToken, type FieldViolation } from "@flotilla/shared";
import type { MasterContext } from "../context.js";
import { sha256Hex } from "./auth.js";
import { createJoinTokenStore, type EnrollmentAttemptRecord, type JoinTokenRecord, type NewestKey } from "./join-token-store.js";
import { checkLabels } from "./labels.js";
import { decodeCursor, toPage, type ListResponse } from "./paging.js";

/** JOIN_TOKEN_LIMITS are the accepted ranges of a join token's settings. */
export const JOIN_TOKEN_LIMITS = {
  minTtlSeconds: 60,
  maxTtlSeconds: 30 * 24 * 3600,
  defaultTtlSeconds: 3600,
  maxUses: 10_000,
  defaultMaxUses: 1,
} as const;

/** ENROLLMENT_OUTCOMES is the closed set of recorded enrollment outcomes (SPEC §2). */
export const ENROLLMENT_OUTCOMES = [
  "ok",
  "token_unknown",
  "bad_secret",
  "token_expired",
  "token_revoked",
  "token_exhausted",
  "rate_limited",
  "invalid_request",
] as const;

/** TokenStatus is the derived state of a join token. */
export type TokenStatus = "active" | "expired" | "revoked" | "exhausted";

/** CreateJoinTokenInput is what an admin may set on a new token. */
export interface CreateJoinTokenInput {
  name?: string;
  ttlSeconds?: number;
  maxUses?: number;
  labels?: Record<string, string>;
  createdBy?: string;
}

/** tokenStatus derives a token's state; revocation wins over expiry and exhaustion. */
export function tokenStatus(t: Pick<JoinTokenRecord, "revokedAt" | "expiresAt" | "maxUses" | "uses">, now = new Date()): TokenStatus {
  if (t.revokedAt) return "revoked";
  if (t.expiresAt.getTime() <= now.getTime()) return "expired";
  if (t.maxUses > 0 && t.uses >= t.maxUses) return "exhausted";
  return "active";
}

/** hashSecret is the stored form of a join token secret: lowercase hex SHA-256, like every stored secret. */
export const hashSecret = sha256Hex;

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** newTokenId returns 16 random characters of [A-Za-z0-9] (unbiased). */
export function newTokenId(): string {
  let out = "";
  while (out.length < 16) {
    for (const b of randomBytes(32)) if (b < 248 && out.length < 16) out += ALPHABET[b % 62];
  }
  return out;
}

/** newestAfter decodes a `(createdAt, id)` cursor, newest first. */
function newestAfter(cursor: string | undefined): NewestKey | undefined {
  const key = decodeCursor(cursor, 2);
  if (key && (typeof key[0] !== "number" || !Number.isFinite(key[0]) || typeof key[1] !== "string")) {
    throw errors.invalid("invalid cursor", [{ field: "cursor", message: "not a cursor returned by this list" }]);
  }
  return key ? { at: new Date(key[0] as number), id: key[1] as string } : undefined;
}

/** newestKey is the cursor key of a `(createdAt, id)` row. */
const newestKey = (r: { createdAt: Date; id: string }) => [r.createdAt.getTime(), r.id];

/**
 * createJoinTokenService manages join tokens and reads enrollment attempts.
 * `caFingerprint` is embedded in every token so workers pin the master's CA.
 */
export function createJoinTokenService(ctx: MasterContext, deps: { caFingerprint: string }) {
  const store = createJoinTokenStore(ctx);
  const get = async (id: string): Promise<JoinTokenRecord> => {
    const row = await store.get(id);
    if (!row) throw errors.notFound("join token");
    return row;
  };
  return {
    /** create stores a new token (secret hashed) and returns the row and its one-time string form. */
    async create(input: CreateJoinTokenInput): Promise<{ row: JoinTokenRecord; token: string }> {
      const L = JOIN_TOKEN_LIMITS;
      const ttl = input.ttlSeconds ?? L.defaultTtlSeconds;
      const maxUses = input.maxUses ?? L.defaultMaxUses;
      const details: FieldViolation[] = [];
      if (!Number.isInteger(ttl) || ttl < L.minTtlSeconds || ttl > L.maxTtlSeconds)
        details.push({ field: "ttl_seconds", message: `must be an integer between ${L.minTtlSeconds} and ${L.maxTtlSeconds}` });
      if (!Number.isInteger(maxUses) || maxUses < 0 || maxUses > L.maxUses)
        details.push({ field: "max_uses", message: `must be an integer between 0 and ${L.maxUses}` });
      if (details.length) throw errors.invalid("invalid join token settings", details);
      const labels = input.labels ?? {};
      checkLabels(labels);
      const id = newTokenId();
      const secret = randomBytes(32).toString("base64url");
      const row = await store.create({
        id,
        name: input.name?.trim() ?? "",
        secretHash: hashSecret(secret),
        labels: JSON.stringify(labels),
        maxUses,
        expiresAt: new Date(Date.now() + ttl * 1000),
        createdBy: input.createdBy ?? null,
      });
      ctx.log.info({ token_id: id, max_uses: maxUses, ttl_seconds: ttl }, "join token created");
      return { row, token: formatJoinToken({ id, secret, caSha256: deps.caFingerprint }) };
    },

    /** list returns tokens newest first. */
    async list(opts: { limit: number; cursor?: string }): Promise<ListResponse<JoinTokenRecord>> {
      const rows = await store.list(opts.limit + 1, newestAfter(opts.cursor));
      return toPage(rows, opts.limit, newestKey, (r) => r);
    },

    /** get returns one token or throws not_found. */
    get,

    /** revoke marks a token revoked (idempotent; the row is kept for the attempt log). */
    async revoke(id: string): Promise<JoinTokenRecord> {
      const row = await get(id);
      if (row.revokedAt) return row;
      const updated = await store.revoke(id);
      ctx.log.info({ token_id: id }, "join token revoked");
      return updated;
    },

    /**
     * listAttempts returns enrollment attempts newest first, optionally
     * filtered. `outcome` is one of {@link ENROLLMENT_OUTCOMES} (`ok` or a
     * refusal reason), matched against the recorded reason.
     */
    async listAttempts(opts: { limit: number; cursor?: string; outcome?: string; tokenId?: string }): Promise<ListResponse<EnrollmentAttemptRecord>> {
      const rows = await store.attempts.list(opts.limit + 1, { after: newestAfter(opts.cursor), reason: opts.outcome, tokenId: opts.tokenId });
      return toPage(rows, opts.limit, newestKey, (r) => r);
    },
  };
}

export type { EnrollmentAttemptRecord, JoinTokenRecord };

/** JoinTokenService is the join token service's interface. */
export type JoinTokenService = ReturnType<typeof createJoinTokenService>;
