import { request as httpRequest, type Agent, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { bareHost, guardedLookup, refusal, type AllowList } from "./ssrf.js";

/** MAX_RESPONSE_BYTES is how much of a response body is kept in the attempt log. */
export const MAX_RESPONSE_BYTES = 2048;

/** SendResult is the outcome of one HTTP POST. */
export interface SendResult {
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
}

function flatHeaders(h: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

/**
 * postJson sends one POST with the guard on the resolved address, a hard
 * timeout covering connect to last byte, and no redirects followed (a 3xx is
 * an answer like any other). Only the first 2 KiB of the body are read.
 * `agent` keeps connections alive between posts to one endpoint (the guard
 * runs when a connection is made); without it each post connects anew.
 */
export function postJson(
  url: string,
  headers: Record<string, string>,
  body: string,
  opts: { allow: AllowList; timeoutMs: number; agent?: Agent },
): Promise<SendResult> {
  const started = Date.now();
  const done = (r: Partial<SendResult>): SendResult => ({
    statusCode: null,
    error: null,
    responseHeaders: null,
    responseBody: null,
    ...r,
    latencyMs: Date.now() - started,
  });
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return Promise.resolve(done({ error: "invalid URL" }));
  }
  const host = bareHost(u.hostname);
  if (isIP(host)) {
    const why = refusal(opts.allow, host, host);
    if (why) return Promise.resolve(done({ error: `refused: ${why}` }));
  }
  const send = u.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: Partial<SendResult>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(done(r));
    };
    const req = send(
      u,
      {
        method: "POST",
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
        lookup: guardedLookup(opts.allow) as never,
        agent: opts.agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        // a response read to its end leaves the connection to the agent; one cut short closes it
        const end = (complete: boolean) => {
          finish({
            statusCode: res.statusCode ?? null,
            responseHeaders: flatHeaders(res.headers),
            responseBody: Buffer.concat(chunks).toString("utf8").slice(0, MAX_RESPONSE_BYTES),
          });
          if (!complete) res.destroy();
        };
        res.on("data", (c: Buffer) => {
          if (size < MAX_RESPONSE_BYTES) chunks.push(c.subarray(0, MAX_RESPONSE_BYTES - size));
          size += c.length;
          if (size >= MAX_RESPONSE_BYTES) end(false);
        });
        res.on("end", () => end(true));
        res.on("error", () => end(false));
      },
    );
    const timer = setTimeout(() => {
      finish({ error: `timed out after ${opts.timeoutMs} ms` });
      req.destroy();
    }, opts.timeoutMs);
    req.on("error", (err: NodeJS.ErrnoException) => finish({ error: err.message || err.code || "request failed" }));
    req.end(body);
  });
}
