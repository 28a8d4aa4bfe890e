import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { jwtVerify, SignJWT } from "jose";

/** ACCESS_TOKEN_TTL_S is the lifetime of an access token (JWT), in seconds. */
export const ACCESS_TOKEN_TTL_S = 15 * 60;
const ISSUER = "flotilla";

/** TokenClaims are the claims Flotilla puts in its JWTs. */
export interface TokenClaims {
  sub: string;
  sid: string;
  role: string;
  typ: "access" | "session";
  exp: number;
}

/**
 * loadJwtKey reads the HS256 signing key from `<dataDir>/jwt.key`, creating
 * 32 random bytes (mode 0600) on first use.
 */
export function loadJwtKey(dataDir: string): Uint8Array {
  const file = join(dataDir, "jwt.key");
  try {
    const key = readFileSync(file);
    if (key.length !== 32) throw new Error(`${file}: expected 32 bytes, found ${key.length}`);
    return new Uint8Array(key);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key, { mode: 0o600, flag: "wx" });
  chmodSync(file, 0o600);
  return new Uint8Array(key);
}

/** TokenSigner signs and verifies access tokens and session-cookie tokens. */
export type TokenSigner = ReturnType<typeof createTokenSigner>;

/** createTokenSigner returns HS256 sign/verify helpers bound to one key. */
export function createTokenSigner(key: Uint8Array) {
  async function sign(c: Omit<TokenClaims, "exp">, expSeconds: number): Promise<string> {
    return new SignJWT({ sid: c.sid, role: c.role, typ: c.typ })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(c.sub)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(expSeconds)
      .sign(key);
  }
  return {
    /** access signs a short-lived access token. */
    access: (c: { sub: string; sid: string; role: string }) => sign({ ...c, typ: "access" }, Math.floor(Date.now() / 1000) + ACCESS_TOKEN_TTL_S),
    /** session signs the value of the session cookie, valid until the session ends. */
    session: (c: { sub: string; sid: string; role: string }, expiresAt: Date) =>
      sign({ ...c, typ: "session" }, Math.floor(expiresAt.getTime() / 1000)),
    /** verify returns the claims of a valid token of the given type, or null. */
    async verify(token: string, typ: TokenClaims["typ"]): Promise<TokenClaims | null> {
      if (token.length > 4096) return null;
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ["HS256"], issuer: ISSUER });
        if (payload.typ !== typ || typeof payload.sub !== "string" || typeof payload.sid !== "string") return null;
        return { sub: payload.sub, sid: payload.sid, role: String(payload.role), typ, exp: payload.exp ?? 0 };
      } catch {
        return null;
      }
    },
  };
}

/** looksLikeJwt tells a JWT from an API key or other opaque token. */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token);
}
