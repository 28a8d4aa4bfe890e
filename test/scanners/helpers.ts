import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { pino } from "pino";
import type { ScanContext } from "../../worker/src/scanners/scanner.js";

/** FIXTURES is the directory of host root fixtures. */
export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/hostroot");

/** captureLogger returns a debug-level pino logger whose JSON lines are kept in `lines`. */
export function captureLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { log: pino({ level: "trace" }, stream), lines };
}

/** testContext builds a ScanContext for a host root, with captured logs and progress. */
export function testContext(hostRoot: string, over: Partial<ScanContext> = {}) {
  const { log, lines } = captureLogger();
  const progress: number[] = [];
  const ctx: ScanContext = {
    hostRoot,
    docker: null,
    log,
    options: {},
    now: () => new Date(),
    progress: (f) => progress.push(f),
    signal: new AbortController().signal,
    ...over,
  };
  return { ctx, lines, progress };
}
