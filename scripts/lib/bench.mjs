// Shared helpers of the benchmark scripts: percentiles, per-process CPU and
// RSS from /proc, the Markdown table they print, starting a JSON-logging
// process, calling the REST API, and the simulator's priority.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

/**
 * SIM_NICE is the scheduling priority benchmarks give the fleet simulator:
 * sharing two cores fairly with the server under test starved the server
 * (five busy processes, each held to ~35 % of a core at 2,000 workers), which
 * measured the scheduler, not the server.
 */
export const SIM_NICE = 10;

/** pct returns the p-th percentile (0-100, nearest rank) of `xs`, NaN when empty. */
export function pct(xs, p) {
  if (!xs.length) return NaN;
  const sorted = Float64Array.from(xs).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** procTicks is a process's user+system CPU in clock ticks (1/100 s), undefined once it is gone. */
export function procTicks(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return Number(f[11]) + Number(f[12]);
  } catch {
    return undefined;
  }
}

/** procRss is a process's resident set in bytes (0 once it is gone). */
export function procRss(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** procSample is a process's CPU ticks and RSS at once (zeros once it is gone). */
export function procSample(pid) {
  return { ticks: procTicks(pid) ?? 0, rss: procRss(pid) };
}

/** table renders a header row and body rows (arrays of strings) as a Markdown table. */
export function table(head, body) {
  const w = head.map((c, i) => Math.max(c.length, ...body.map((b) => String(b[i] ?? "").length)));
  const fmt = (cells) => `| ${cells.map((c, i) => String(c ?? "").padEnd(w[i])).join(" | ")} |`;
  return [fmt(head), `|${w.map((x) => "-".repeat(x + 2)).join("|")}|`, ...body.map(fmt)].join("\n");
}

/** startProcess spawns a JSON-logging node process and resolves with its first log line holding `key`. */
export async function startProcess(argv, env, key) {
  const p = spawn(process.execPath, argv, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise((ok, fail) => {
    createInterface({ input: p.stdout }).on("line", (l) => {
      try {
        const r = JSON.parse(l);
        if (r[key]) ok(r);
      } catch {}
    });
    p.once("exit", (c) => fail(new Error(`${argv.join(" ")} exited ${c}`)));
  });
  p.stdout.resume();
  return { p, line };
}

/** api calls a REST route with a bearer token and returns the JSON answer; a non-2xx answer throws. */
export async function api(http, token, path, init = {}) {
  const r = await fetch(`${http}${path}`, {
    ...init,
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...init.headers },
  });
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status} ${await r.text()}`);
  return r.json();
}
