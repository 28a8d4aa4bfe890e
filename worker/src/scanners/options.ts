import { FlotillaError } from "@flotilla/shared";

/**
 * numberOption reads a non-negative number option, falling back to `def`
 * when absent; anything else is a clear invalid_argument error naming it.
 */
export function numberOption(options: Record<string, unknown>, key: string, def: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = options[key];
  if (v === undefined || v === null) return def;
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isFinite(n) || n < 0 || n > max) {
    throw new FlotillaError("invalid_argument", `option ${key} must be a number between 0 and ${max}`, [
      { field: `options.${key}`, message: `must be a number between 0 and ${max}` },
    ]);
  }
  return n;
}
