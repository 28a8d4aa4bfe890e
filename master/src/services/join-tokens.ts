import { createHash, randomBytes } from "node:crypto";
import { errors, formatJoinToken, validateLabel, type FieldViolation } from "@flotilla/shared";
import type { MasterContext } from "../context.js";
import type { EnrollmentAttempt, JoinToken } from "../generated/sqlite/client.js";

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
  "ok", "token_unknown", "bad_secret", "token_expired", "token_revoked", "token_exhausted", "rate_limited", "invalid_request",
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

/** Page is one page of a keyset-paged list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** tokenStatus derives a token's state; revocation wins over expiry and exhaustion. */
export function tokenStatus(t: Pick<JoinToken, "revokedAt" | "expiresAt" | "maxUses" | "uses">, now = new Date()): TokenStatus {
  if (t.revokedAt) return "revoked";
  if (t.expiresAt.getTime() <= now.getTime()) return "expired";
  if (t.maxUses > 0 && t.uses >= t.maxUses) return "exhausted";
  return "active";
}

/** hashSecret is the stored form of a join token secret: lowercase hex SHA-256. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** checkLabels validates every label and reports each bad one as a field violation under `field`. */
export function checkLabels(labels: Record<string, string>, field = "labels"): void {
  const details: FieldViolation[] = [];
  for (const [k, v] of Object.entries(labels)) {
    try {
      validateLabel(k, v);
    } catch (err) {
      details.push({ field: `${field}.${k}`, message: err instanceof Error ? err.message : "invalid label" });
    }
  }
  if (Object.keys(labels).length > 64) details.push({ field, message: "at most 64 labels" });
  if (details.length) throw errors.invalid("invalid labels", details);
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** newTokenId returns 16 random characters of [A-Za-z0-9] (unbiased). */
export function newTokenId(): string {
  let out = "";
  while (out.length < 16) {
    for (const b of randomBytes(32)) if (b < 248 && out.length < 16) out += ALPHABET[b % 62];
  }
  return out;
}

/** encodeKeyCursor / decodeKeyCursor make the opaque `(createdAt, id)` cursor of newest-first lists. */
export function encodeKeyCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.getTime(), id])).toString("base64url");
}

/** decodeKeyCursor parses a cursor from encodeKeyCursor; a bad one is a 400. */
export function decodeKeyCursor(raw: string): { at: Date; id: string } {
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (Array.isArray(v) && typeof v[0] === "number" && Number.isFinite(v[0]) && typeof v[1] === "string") {
      return { at: new Date(v[0]), id: v[1] };
    }
  } catch {
    /* fall through */
  }
  throw errors.invalid("invalid cursor", [{ field: "cursor", message: "not a cursor returned by this list" }]);
}

/** newestFirst is the keyset where-clause and order for a `(createdAt, id)` cursor. */
function newestFirst(cursor: string | undefined) {
  const c = cursor ? decodeKeyCursor(cursor) : null;
  return {
    where: c ? { OR: [{ createdAt: { lt: c.at } }, { createdAt: c.at, id: { lt: c.id } }] } : {},
    orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }],
  };
}

function page<T extends { createdAt: Date; id: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeKeyCursor(last.createdAt, last.id) : null };
}

/**
 * createJoinTokenService manages join tokens and reads enrollment attempts.
 * `caFingerprint` is embedded in every token so workers pin the master's CA.
 */
export function createJoinTokenService(ctx: MasterContext, deps: { caFingerprint: string }) {
  const db = ctx.db;
  const get = async (id: string): Promise<JoinToken> => {
    const row = await db.joinToken.findUnique({ where: { id } });
    if (!row) throw errors.notFound("join token");
    return row;
  };
  return {
    /** create stores a new token (secret hashed) and returns the row and its one-time string form. */
    async create(input: CreateJoinTokenInput): Promise<{ row: JoinToken; token: string }> {
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
      const row = await db.joinToken.create({
        data: {
          id,
          name: input.name?.trim() ?? "",
          secretHash: hashSecret(secret),
          labels: JSON.stringify(labels),
          maxUses,
          expiresAt: new Date(Date.now() + ttl * 1000),
          createdBy: input.createdBy ?? null,
        },
      });
      ctx.log.info({ token_id: id, max_uses: maxUses, ttl_seconds: ttl }, "join token created");
      return { row, token: formatJoinToken({ id, secret, caSha256: deps.caFingerprint }) };
    },

    /** list returns tokens newest first. */
    async list(opts: { limit: number; cursor?: string }): Promise<Page<JoinToken>> {
      const k = newestFirst(opts.cursor);
      return page(await db.joinToken.findMany({ where: k.where, orderBy: k.orderBy, take: opts.limit + 1 }), opts.limit);
    },

    /** get returns one token or throws not_found. */
    get,

    /** revoke marks a token revoked (idempotent; the row is kept for the attempt log). */
    async revoke(id: string): Promise<JoinToken> {
      const row = await get(id);
      if (row.revokedAt) return row;
      const updated = await db.joinToken.update({ where: { id }, data: { revokedAt: new Date() } });
      ctx.log.info({ token_id: id }, "join token revoked");
      return updated;
    },

    /** listAttempts returns enrollment attempts newest first, optionally filtered. */
    async listAttempts(opts: { limit: number; cursor?: string; outcome?: string; tokenId?: string }): Promise<Page<EnrollmentAttempt>> {
      const k = newestFirst(opts.cursor);
      const where = {
        ...k.where,
        ...(opts.outcome ? { outcome: opts.outcome } : {}),
        ...(opts.tokenId ? { tokenId: opts.tokenId } : {}),
      };
      return page(await db.enrollmentAttempt.findMany({ where, orderBy: k.orderBy, take: opts.limit + 1 }), opts.limit);
    },
  };
}

/** JoinTokenService is the join token service's interface. */
export type JoinTokenService = ReturnType<typeof createJoinTokenService>;
