import { pino, type Logger } from "pino";

export type { Logger };

/** LOG_LEVELS are the accepted values of the log level setting. */
export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * createLogger returns a JSON-lines logger on stdout with ISO timestamps,
 * used by both master and worker.
 */
export function createLogger(opts: { level: LogLevel; name: string }): Logger {
  return pino(
    {
      name: opts.name,
      level: opts.level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: ["token", "password", "*.token", "*.password", "secret", "*.secret", "authorization", "*.authorization"],
        censor: "[redacted]",
      },
    },
    pino.destination({ fd: 1, sync: false }),
  );
}
