/** parseUptime parses /proc/uptime and returns seconds since boot. */
export function parseUptime(text: string): number {
  const v = Number(text.trim().split(/\s+/)[0]);
  if (!Number.isFinite(v)) throw new Error("uptime: malformed");
  return v;
}
