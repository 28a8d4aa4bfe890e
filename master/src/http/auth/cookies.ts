/** SESSION_COOKIE holds the HttpOnly session token of the web UI. */
export const SESSION_COOKIE = "flotilla_session";
/** CSRF_COOKIE holds the readable CSRF token the UI echoes in X-CSRF-Token. */
export const CSRF_COOKIE = "flotilla_csrf";

/** parseCookies reads a Cookie header into a map (first occurrence wins). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header || header.length > 16_384) return out;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1");
    if (!out.has(name)) out.set(name, value);
  }
  return out;
}

/** serializeCookie renders one Set-Cookie value. `maxAge` 0 clears the cookie. */
export function serializeCookie(name: string, value: string, opts: { maxAgeSeconds: number; httpOnly: boolean; secure: boolean }): string {
  const parts = [`${name}=${value}`, "Path=/", `Max-Age=${Math.max(0, Math.floor(opts.maxAgeSeconds))}`, "SameSite=Strict"];
  if (opts.httpOnly) parts.push("HttpOnly");
  if (opts.secure) parts.push("Secure");
  return parts.join("; ");
}
