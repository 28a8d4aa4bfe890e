import type { CensusPackage } from "../census-diff.js";

/** parseDpkgStatus returns installed packages from /var/lib/dpkg/status, sorted by name. */
export function parseDpkgStatus(text: string): CensusPackage[] {
  const out: CensusPackage[] = [];
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields: Record<string, string> = {};
    for (const line of stanza.split("\n")) {
      const m = /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/.exec(line);
      if (m) fields[m[1]!.toLowerCase()] = m[2]!.trim();
    }
    const name = fields.package;
    if (!name || !fields.version) continue;
    if (fields.status && !/ installed$/.test(fields.status)) continue;
    const arch = fields.architecture;
    out.push({ name: arch && arch !== "all" && fields["multi-arch"] === "same" ? `${name}:${arch}` : name, version: fields.version });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
