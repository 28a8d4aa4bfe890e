/**
 * Helpers that recognise secret-looking names and strip secret values from
 * command lines and URLs. Scanners report names only, never values.
 */

const SECRET_NAME = /(PASS(WORD|WD|PHRASE)?|SECRET|TOKEN|API_?KEY|APIKEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|AUTH|SESSION_?KEY|CLIENT_?KEY|DSN|CONN(ECTION)?_?STRING)/i;

/** isSecretName reports whether an environment variable or flag name looks like it holds a secret. */
export function isSecretName(name: string): boolean {
  if (/_FILE$/i.test(name)) return false;
  return SECRET_NAME.test(name.replace(/-/g, "_"));
}

/** REDACTED replaces every secret value that would otherwise be reported. */
export const REDACTED = "[redacted]";

/** redactUrl removes user info and secret-looking query parameters from a URL string. */
export function redactUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return raw.replace(/\/\/[^/@\s]*@/, `//${REDACTED}@`);
  }
  if (u.username || u.password) {
    u.username = REDACTED;
    u.password = "";
  }
  for (const key of [...u.searchParams.keys()]) if (isSecretName(key)) u.searchParams.set(key, REDACTED);
  return u.toString().replaceAll("%5Bredacted%5D", REDACTED);
}

/**
 * redactArgs hides values that follow or are attached to secret-looking flags
 * (`--token X`, `--api-key=X`), credentials in URLs and `NAME=value` pairs
 * with secret-looking names.
 */
export function redactArgs(args: string[]): string[] {
  const out: string[] = [];
  let hideNext = false;
  for (const a of args) {
    if (hideNext) {
      out.push(REDACTED);
      hideNext = false;
      continue;
    }
    const flag = /^(-{1,2}[A-Za-z0-9_-]+)(=(.*))?$/.exec(a);
    if (flag && isSecretName(flag[1]!)) {
      if (flag[2] === undefined) hideNext = true;
      out.push(flag[2] === undefined ? a : `${flag[1]}=${REDACTED}`);
      continue;
    }
    const pair = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(a);
    if (pair && isSecretName(pair[1]!)) {
      out.push(`${pair[1]}=${REDACTED}`);
      continue;
    }
    out.push(/^[a-z][a-z0-9+.-]*:\/\//i.test(a) ? redactUrl(a) : a);
  }
  return out;
}
