import { FlotillaError } from "@flotilla/shared";
import { runScanners, toScanResult } from "../scanners/index.js";
import { defineHandler } from "./handler.js";

/** PROGRESS_INTERVAL_MS throttles progress messages of one scan. */
const PROGRESS_INTERVAL_MS = 250;

function parseOptions(raw: string): Record<string, unknown> {
  if (raw.trim() === "") return {};
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    throw new FlotillaError("invalid_argument", "scan options are not valid JSON", [{ field: "options_json", message: "not valid JSON" }]);
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    throw new FlotillaError("invalid_argument", "scan options must be a JSON object", [{ field: "options_json", message: "must be an object" }]);
  }
  return v as Record<string, unknown>;
}

/**
 * runScan answers RunScanCommand: it runs the requested scanners (all when
 * none are named) under the worker's host root with the worker's Docker
 * client (none when its socket is not usable), streams throttled progress,
 * stops on cancel or timeout
 * (the command's AbortSignal) and returns the ScanResult.
 */
export const runScan = defineHandler({
  kind: "runScan",
  capability: "run_scan",
  async run(payload, ctx) {
    const options = parseOptions(payload.optionsJson);
    const docker = (await ctx.docker.usable()) ? ctx.docker.client : null;
    let last = 0;
    const runs = await runScanners(payload.scanners, {
      hostRoot: ctx.config.hostRoot,
      docker,
      log: ctx.log,
      options,
      signal: ctx.signal,
      onProgress: (p) => {
        const now = Date.now();
        if (p.overall < 1 && now - last < PROGRESS_INTERVAL_MS) return;
        last = now;
        ctx.progress(p.overall, `${p.scanner}: ${p.message ?? ""}`.trim());
      },
    });
    if (ctx.signal.aborted) throw new FlotillaError("canceled", "scan canceled");
    return { case: "scan", value: toScanResult(payload.scanId, runs) };
  },
});
