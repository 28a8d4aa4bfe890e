import { errors } from "@flotilla/shared";
import { CronExpressionParser } from "cron-parser";

/** Cadence is how often a schedule runs: exactly one of interval or cron. */
export type Cadence =
  { intervalSeconds: number; cron?: undefined; timezone?: string } | { intervalSeconds?: undefined; cron: string; timezone: string };

/** validTimezone reports whether `tz` is an IANA time zone this runtime knows. */
export function validTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * checkCron validates a 5-field cron expression (minute hour day month
 * weekday) in a time zone; throws invalid_argument naming the field.
 */
export function checkCron(expr: string, timezone: string): void {
  if (!validTimezone(timezone)) throw errors.invalid("unknown time zone", [{ field: "timezone", message: `"${timezone}" is not an IANA time zone` }]);
  if (expr.trim().split(/\s+/).length !== 5)
    throw errors.invalid("invalid cron expression", [{ field: "cron", message: "expected 5 fields: minute hour day-of-month month day-of-week" }]);
  try {
    CronExpressionParser.parse(expr, { tz: timezone, currentDate: new Date() }).next();
  } catch (err) {
    throw errors.invalid("invalid cron expression", [
      { field: "cron", message: err instanceof Error ? err.message.slice(0, 200) : "not a cron expression" },
    ]);
  }
}

/** cronNext returns the first fire time of a cron expression strictly after `after`. */
export function cronNext(expr: string, timezone: string, after: Date): Date {
  return CronExpressionParser.parse(expr, { tz: timezone, currentDate: after }).next().toDate();
}

/**
 * nextRunAt computes when a schedule runs next, at `now`:
 * - interval: `prev + interval` keeps the cadence; when that is not in the
 *   future (runs were missed, e.g. the master was down) the schedule runs
 *   once now and then `now + interval`, so a missed run executes once, not
 *   once per missed interval. With no `prev` it is `now + interval`.
 * - cron: the first fire time strictly after `now` in the schedule's zone.
 */
export function nextRunAt(c: Cadence, now: Date, prev?: Date | null): Date {
  if (c.cron !== undefined) return cronNext(c.cron, c.timezone, now);
  const ms = c.intervalSeconds * 1000;
  if (prev) {
    const candidate = new Date(prev.getTime() + ms);
    if (candidate.getTime() > now.getTime()) return candidate;
  }
  return new Date(now.getTime() + ms);
}
