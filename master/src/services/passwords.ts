import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { errors } from "@flotilla/shared";

/** PASSWORD_MIN_LENGTH is the shortest password the policy accepts. */
export const PASSWORD_MIN_LENGTH = 10;
/** PASSWORD_MAX_LENGTH bounds the work a single login can cause. */
export const PASSWORD_MAX_LENGTH = 1024;

const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LEN = 32;

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  const opts: ScryptOptions = { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(password.normalize("NFKC"), salt, KEY_LEN, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

/** checkPasswordPolicy throws invalid_argument when a new password is not acceptable. */
export function checkPasswordPolicy(password: string, field = "password"): void {
  if (password.length < PASSWORD_MIN_LENGTH)
    throw errors.invalid(`password must be at least ${PASSWORD_MIN_LENGTH} characters`, [
      { field, message: `must be at least ${PASSWORD_MIN_LENGTH} characters` },
    ]);
  if (password.length > PASSWORD_MAX_LENGTH)
    throw errors.invalid("password is too long", [{ field, message: `must be at most ${PASSWORD_MAX_LENGTH} characters` }]);
}

/** hashPassword derives a scrypt hash stored as `scrypt$N$r$p$salt$hash` (base64). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS.N, PARAMS.r, PARAMS.p);
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64"), key.toString("base64")].join("$");
}

/** verifyPassword checks a password against a stored hash in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every(Number.isSafeInteger) || N > 2 ** 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, "base64");
  const expected = Buffer.from(parts[5]!, "base64");
  if (password.length > PASSWORD_MAX_LENGTH || expected.length !== KEY_LEN) return false;
  const actual = await derive(password, salt, N, r, p);
  return timingSafeEqual(actual, expected);
}

let dummy: Promise<string> | undefined;

/** burnPasswordCheck spends the same time as a real check, so unknown users are not revealed by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword("flotilla-timing-equaliser");
  await verifyPassword(password.slice(0, PASSWORD_MAX_LENGTH), await dummy);
}
