/**
 * Formatting helpers for bytes, money, times and labels.
 */
import { now } from "./now.js";

/** bytes renders a byte count with a binary unit. */
export function bytes(n: number | string | undefined | null): string {
  const v = Number(n ?? 0);
  if (!Number.isFinite(v) || v <= 0) return "0 B";
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  const i = Math.min(units.length - 1, Math.floor(Math.log(v) / Math.log(1024)));
  return `${(v / 1024 ** i).toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

/** money renders an amount in US dollars. */
export function money(n: number | undefined | null): string {
  return `$${Number(n ?? 0).toFixed(2)}`;
}

/** time renders an RFC 3339 timestamp in local time, or "—". */
export function time(ts: string | null | undefined): string {
  if (!ts) return "—";
  const d = new Date(ts);
  return Number.isNaN(d.getTime()) ? ts : d.toLocaleString();
}

/** timeIn renders a timestamp in an IANA zone, naming the zone ("—" when absent). */
export function timeIn(ts: string | null | undefined, zone: string | null | undefined): string {
  if (!ts) return "—";
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  const z = zone || "UTC";
  try {
    return `${d.toLocaleString(undefined, { timeZone: z })} ${z}`;
  } catch {
    return `${d.toLocaleString(undefined, { timeZone: "UTC" })} UTC`;
  }
}

/** ago renders how long ago a timestamp was; components calling it re-render every second. */
export function ago(ts: string | null | undefined): string {
  const t = now.value;
  if (!ts) return "never";
  const s = Math.round((t - new Date(ts).getTime()) / 1000);
  if (!Number.isFinite(s)) return ts;
  if (s < 60) return `${Math.max(0, s)} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

/** labelsText renders labels as "k=v,k2=v2". */
export function labelsText(l: Record<string, string> | undefined | null): string {
  return Object.entries(l ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
}

/** parseLabels parses "k=v,k2=v2"; returns an error message when malformed. */
export function parseLabels(s: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const part of s
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf("=");
    if (eq <= 0) return `"${part}" is not key=value`;
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

/** duration renders seconds as "90 s", "2 min", "1 h 30 min" or "2 d". */
export function duration(s: number | null | undefined): string {
  const v = Math.max(0, Math.round(Number(s ?? 0)));
  if (v < 60 || (v < 120 && v % 60 !== 0)) return `${v} s`;
  if (v < 3600) return `${Math.round(v / 60)} min`;
  if (v < 86400) return `${Math.floor(v / 3600)} h${v % 3600 >= 60 ? ` ${Math.round((v % 3600) / 60)} min` : ""}`;
  return `${Math.round(v / 86400)} d`;
}

/** percent renders a 0-1 ratio as "42 %", or "—" when unknown. */
export function percent(r: number | null | undefined): string {
  return typeof r === "number" && Number.isFinite(r) ? `${Math.round(r * 100)} %` : "—";
}
