/** parseMeminfo parses /proc/meminfo into bytes per key ("kB" values are multiplied by 1024). */
export function parseMeminfo(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    const m = /^([^:]+):\s+(\d+)(?:\s+(kB))?/.exec(line);
    if (!m) continue;
    const value = Number(m[2]);
    out.set(m[1]!, m[3] ? value * 1024 : value);
  }
  return out;
}
