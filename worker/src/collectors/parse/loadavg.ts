/** LoadAvg is the parsed content of /proc/loadavg. */
export interface LoadAvg {
  load1: number;
  load5: number;
  load15: number;
  running: number;
  total: number;
}

/** parseLoadavg parses /proc/loadavg ("0.10 0.20 0.30 1/234 5678"). */
export function parseLoadavg(text: string): LoadAvg {
  const parts = text.trim().split(/\s+/);
  const [running, total] = (parts[3] ?? "0/0").split("/").map(Number);
  const out = {
    load1: Number(parts[0]),
    load5: Number(parts[1]),
    load15: Number(parts[2]),
    running: running ?? 0,
    total: total ?? 0,
  };
  if (![out.load1, out.load5, out.load15].every(Number.isFinite)) throw new Error("loadavg: malformed");
  return out;
}
