/**
 * The one redaction module of the scanners. Scanners report names, never
 * secret values: command lines are redacted by structure (secret-looking
 * flags in every form, header values, user info and secret query
 * parameters in URLs, `NAME=value` pairs, known token prefixes and
 * high-entropy arguments), and the runner passes every scanner's findings
 * and snapshot through {@link redactDeep} before they leave the worker.
 */

const SECRET_NAME =
  /(PASS(WORD|WD|PHRASE)?|SECRET|TOKEN|API_?KEY|APIKEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|AUTH|SESSION_?KEY|CLIENT_?KEY|DSN|CONN(ECTION)?_?STRING|BEARER|COOKIE)/i;

/** Flags that take a credential although their name does not say so. */
const SECRET_FLAGS = new Set(["--key", "--pat", "--pw", "--pwd", "--bearer", "--cookie", "--basic", "--license", "--signature"]);
/** Flags whose value is an HTTP header `Name: value`. */
const HEADER_FLAGS = new Set(["--header", "-H", "--headers", "--http-header", "--extra-header"]);

/** isSecretName reports whether an environment variable or flag name looks like it holds a secret. */
export function isSecretName(name: string): boolean {
  if (/_FILE$/i.test(name)) return false;
  return SECRET_NAME.test(name.replace(/-/g, "_"));
}

/** REDACTED replaces every secret value that would otherwise be reported. */
export const REDACTED = "[redacted]";

/**
 * TOKEN_PREFIXES matches credentials by their well-known shapes: GitHub,
 * GitLab, Slack, OpenAI/Anthropic, Stripe, AWS access keys, Google API keys,
 * npm, PyPI, Hugging Face, DigitalOcean, Shopify, SendGrid and JWTs.
 */
const TOKEN_SHAPES =
  /\b(?:gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{16,}|xox[abposr]-[A-Za-z0-9-]{8,}|xapp-[A-Za-z0-9-]{8,}|sk-(?:ant-|proj-)?[A-Za-z0-9_-]{16,}|[sr]k_(?:live|test)_[A-Za-z0-9]{12,}|(?:AKIA|ASIA)[A-Z0-9]{16}|AIza[A-Za-z0-9_-]{30,}|npm_[A-Za-z0-9]{30,}|pypi-[A-Za-z0-9_-]{30,}|hf_[A-Za-z0-9]{30,}|dop_v1_[a-f0-9]{32,}|shp(?:at|ss|ca)_[a-fA-F0-9]{20,}|SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}|eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})/g;

/** A URL query parameter with a secret-looking name, anywhere in free text. */
const SECRET_QUERY =
  /([?&][A-Za-z0-9_.-]*(?:token|key|secret|passw(?:or)?d|auth|sig(?:nature)?|credential)[A-Za-z0-9_.-]*=)(?!\[redacted\])[^&#\s"']+/gi;

/** `Bearer <credential>` / `Basic <credential>`: a word of token characters holding a digit or symbol. */
const AUTH_SCHEME = /\b([Bb]earer|Basic)(\s+)(?=[A-Za-z0-9+/=._~-]*[0-9+/=._~-])([A-Za-z0-9+/=._~-]{8,})/g;

/** redactText removes token-shaped substrings and `Bearer <credential>` from free text. */
export function redactText(s: string): string {
  return s
    .replace(TOKEN_SHAPES, REDACTED)
    .replace(AUTH_SCHEME, (_m, scheme: string, sp: string) => `${scheme}${sp}${REDACTED}`)
    .replace(/\/\/[^/@\s]+:[^/@\s]*@/g, `//${REDACTED}@`)
    .replace(SECRET_QUERY, (_m, lead: string) => `${lead}${REDACTED}`);
}

function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

/**
 * looksLikeSecret reports whether a lone argument looks like a random
 * credential: at least 20 characters from a token alphabet, several
 * character classes and high entropy. Paths, URLs and package names
 * (with `/`, `@` or dots between words) are not.
 */
export function looksLikeSecret(s: string): boolean {
  if (s.length < 20 || s.length > 512 || !/^[A-Za-z0-9+/=_\-.~]+$/.test(s)) return false;
  if (/^[./~]|\/[a-z-]+/.test(s) || /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(s)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(s)).length;
  if (classes < 2) return false;
  return entropy(s) >= (classes === 3 ? 3.5 : 3.9);
}

/** redactUrl removes user info and secret-looking query parameters from a URL string. */
export function redactUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return redactText(raw.replace(/\/\/[^/@\s]*@/, `//${REDACTED}@`));
  }
  if (u.username || u.password) {
    u.username = REDACTED;
    u.password = "";
  }
  for (const key of [...u.searchParams.keys()])
    if (isSecretName(key) || looksLikeSecret(u.searchParams.get(key) ?? "")) u.searchParams.set(key, REDACTED);
  return redactText(u.toString().replaceAll("%5Bredacted%5D", REDACTED));
}

/** redactHeader keeps a header's name and hides its value (`Authorization: [redacted]`). */
export function redactHeader(h: string): string {
  const colon = h.indexOf(":");
  return colon > 0 ? `${h.slice(0, colon)}: ${REDACTED}` : REDACTED;
}

function isSecretFlag(flag: string): boolean {
  return SECRET_FLAGS.has(flag) || isSecretName(flag.replace(/^-+/, ""));
}

/** redactLone hides secrets inside one argument that stands on its own. */
function redactLone(a: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(a)) return redactUrl(a);
  if (/^[A-Za-z][A-Za-z0-9-]*:\s/.test(a) && !/^[a-z]+:\/\//i.test(a)) return redactHeader(a);
  if (looksLikeSecret(a)) return REDACTED;
  return redactText(a);
}

/**
 * redactArgs redacts a command line by structure: the value after or
 * attached to a secret-looking flag (`--token X`, `--api-key=X`, `--key X`,
 * `--bearer X`), header values (`--header "Authorization: Bearer X"`,
 * `-H=X-Api-Key: X`), an attached short password (`-pPASS`), `NAME=value`
 * pairs with secret-looking names, credentials in URLs, the word after
 * `Bearer`, known token prefixes and high-entropy arguments.
 */
export function redactArgs(args: string[]): string[] {
  const out: string[] = [];
  let next: "secret" | "header" | null = null;
  for (const a of args) {
    if (next === "secret") {
      out.push(REDACTED);
      // `--authorization Bearer X`: the scheme word is followed by the credential itself.
      next = /^(Bearer|Basic|Token)$/i.test(a) ? "secret" : null;
      continue;
    }
    if (next === "header") {
      out.push(redactHeader(a));
      next = null;
      continue;
    }
    const shortAttached = /^-p([^-=][\s\S]*)$/.exec(a);
    if (shortAttached) {
      out.push(/^[\d.:/a-z-]+$/.test(shortAttached[1]!) ? a : `-p${REDACTED}`);
      continue;
    }
    const flag = /^(-{1,2}[A-Za-z0-9_-]+)(=([\s\S]*))?$/.exec(a);
    if (flag) {
      const name = flag[1]!;
      const header = HEADER_FLAGS.has(name);
      if (header || isSecretFlag(name)) {
        if (flag[2] === undefined) {
          next = header ? "header" : "secret";
          out.push(a);
        } else out.push(`${name}=${header ? redactHeader(flag[3]!) : REDACTED}`);
        continue;
      }
      out.push(flag[2] === undefined ? a : `${name}=${redactLone(flag[3]!)}`);
      continue;
    }
    if (/^(Bearer|Basic|Token)$/i.test(a)) {
      out.push(a);
      next = "secret";
      continue;
    }
    const pair = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/.exec(a);
    if (pair) {
      out.push(`${pair[1]}=${isSecretName(pair[1]!) ? REDACTED : redactLone(pair[2]!)}`);
      continue;
    }
    out.push(redactLone(a));
  }
  return out;
}

/**
 * redactDeep returns `value` with {@link redactText} applied to every
 * string inside it (keys are kept). The runner applies it to each
 * scanner's findings and snapshot, so a scanner that forgets to redact a
 * field still cannot ship a token-shaped credential.
 */
export function redactDeep<T>(value: T): T {
  return walk(value, 0) as T;
}

function walk(v: unknown, depth: number): unknown {
  if (typeof v === "string") return redactText(v);
  if (typeof v !== "object" || v === null || depth > 32 || ArrayBuffer.isView(v) || v instanceof Date) return v;
  if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = walk(x, depth + 1);
  return out;
}
