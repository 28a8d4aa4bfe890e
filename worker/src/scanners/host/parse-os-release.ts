import type { CensusOs } from "../census-diff.js";

/** parseOsRelease parses an os-release file (KEY=value, optionally quoted). */
export function parseOsRelease(text: string): CensusOs {
  const kv: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!m) continue;
    let v = m[2]!.trim();
    if (/^(["']).*\1$/.test(v)) v = v.slice(1, -1).replace(/\\(["'$`\\])/g, "$1");
    kv[m[1]!] = v;
  }
  return { id: kv.ID ?? "", name: kv.NAME ?? "", version_id: kv.VERSION_ID ?? "", pretty_name: kv.PRETTY_NAME ?? "" };
}
