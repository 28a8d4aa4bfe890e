/** PasswdEntry is one line of /etc/passwd. */
export interface PasswdEntry {
  name: string;
  uid: number;
  home: string;
  shell: string;
}

const NO_LOGIN = /(\/nologin|\/false|\/sync|\/halt|\/shutdown)$/;

/** parsePasswd parses /etc/passwd, skipping malformed lines and NIS entries. */
export function parsePasswd(text: string): PasswdEntry[] {
  const out: PasswdEntry[] = [];
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#") || line.startsWith("+") || line.startsWith("-")) continue;
    const f = line.split(":");
    if (f.length < 7 || !/^\d+$/.test(f[2]!)) continue;
    out.push({ name: f[0]!, uid: Number(f[2]), home: f[5]!, shell: f[6]!.trim() });
  }
  return out;
}

/** hasLoginShell reports whether the account has an interactive login shell. */
export function hasLoginShell(e: PasswdEntry): boolean {
  return e.shell !== "" && !NO_LOGIN.test(e.shell);
}
