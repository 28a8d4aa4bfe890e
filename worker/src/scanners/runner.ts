import { FlotillaError, type Logger } from "@flotilla/shared";
import type Docker from "dockerode";
import type { ScanContext, ScanFinding, Scanner } from "./scanner.js";
import { redactDeep, redactText } from "./secrets.js";

/** ScanProgress reports where a run is: scanner index, its own fraction and the overall fraction. */
export interface ScanProgress {
  scanner: string;
  index: number;
  total: number;
  fraction: number;
  overall: number;
  message?: string;
}

/** RunContext is what runScanners needs; options are keyed by scanner name. */
export interface RunContext {
  hostRoot?: string;
  docker: Docker | null;
  log: Logger;
  /**
   * Options: `{ "<scanner>": {...} }` per scanner; top-level scalar keys
   * apply to every scanner (per-scanner keys win).
   */
  options?: Record<string, unknown>;
  now?: () => Date;
  signal?: AbortSignal;
  onProgress?: (p: ScanProgress) => void;
}

/** ScannerRun is the outcome of one scanner (maps onto the ScannerResult message). */
export interface ScannerRun {
  scanner: string;
  success: boolean;
  error: string;
  durationSeconds: number;
  findings: ScanFinding[];
  snapshot?: unknown;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** optionsFor merges shared scalar options with the scanner's own options. */
export function optionsFor(options: Record<string, unknown> | undefined, scanner: string): Record<string, unknown> {
  const shared = Object.fromEntries(Object.entries(options ?? {}).filter(([, v]) => !isObj(v)));
  const own = options?.[scanner];
  return { ...shared, ...(isObj(own) ? own : {}) };
}

function errorMessage(err: unknown): string {
  if (err instanceof FlotillaError) return err.message;
  const msg = err instanceof Error ? err.message : String(err);
  return msg.slice(0, 300);
}

/**
 * runScannersFrom runs the named scanners of `registry` in turn (all when
 * `names` is empty). Unknown names and failing scanners yield unsuccessful
 * entries; an aborted signal stops the run with a `canceled` FlotillaError.
 */
export async function runScannersFrom(registry: readonly Scanner[], names: readonly string[], ctx: RunContext): Promise<ScannerRun[]> {
  const wanted = names.length === 0 ? registry.map((s) => s.name) : [...new Set(names)];
  const signal = ctx.signal ?? new AbortController().signal;
  const out: ScannerRun[] = [];
  for (const [index, name] of wanted.entries()) {
    if (signal.aborted) throw new FlotillaError("canceled", "scan canceled");
    const scanner = registry.find((s) => s.name === name);
    if (!scanner) {
      out.push({ scanner: name, success: false, error: `unknown scanner "${name}"`, durationSeconds: 0, findings: [] });
      continue;
    }
    const report = (fraction: number, message?: string) => {
      const f = Math.min(1, Math.max(0, fraction));
      ctx.onProgress?.({ scanner: name, index, total: wanted.length, fraction: f, overall: (index + f) / wanted.length, message });
    };
    const sctx: ScanContext = {
      hostRoot: ctx.hostRoot ?? "/",
      docker: ctx.docker,
      log: ctx.log.child({ scanner: name }),
      options: optionsFor(ctx.options, name),
      now: ctx.now ?? (() => new Date()),
      progress: report,
      signal,
    };
    const started = performance.now();
    report(0, "started");
    try {
      const res = await scanner.scan(sctx);
      if (signal.aborted) throw new FlotillaError("canceled", "scan canceled");
      out.push({
        scanner: name,
        success: true,
        error: "",
        durationSeconds: (performance.now() - started) / 1000,
        findings: redactDeep(res.findings),
        snapshot: redactDeep(res.snapshot),
      });
    } catch (err) {
      if (signal.aborted) throw new FlotillaError("canceled", "scan canceled", [], { cause: err });
      const error = redactText(errorMessage(err));
      sctx.log.warn({ code: FlotillaError.from(err).code, error }, "scanner failed");
      out.push({ scanner: name, success: false, error, durationSeconds: (performance.now() - started) / 1000, findings: [] });
    }
    report(1, "finished");
  }
  return out;
}
