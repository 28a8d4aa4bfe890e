import { BlockList, isIP } from "node:net";
import type { Middleware } from "koa";

/** TrustedProxies is the parsed FLOTILLA_TRUSTED_PROXIES: the peers whose X-Forwarded-* headers are believed. */
export interface TrustedProxies {
  ranges: BlockList;
  /** raw keeps the entries as given (for logs); empty = trust no one. */
  raw: string[];
}

const family = (ip: string) => (isIP(ip) === 6 ? "ipv6" : "ipv4");

/** unmapped turns an IPv4-mapped IPv6 address (::ffff:a.b.c.d) into the IPv4 address. */
function unmapped(ip: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return m ? m[1]! : ip;
}

/**
 * parseTrustedProxies parses `addr,cidr,…` (IPv4 or IPv6); throws Error
 * with a message for the config loader on a malformed entry.
 */
export function parseTrustedProxies(raw: string): TrustedProxies {
  const ranges = new BlockList();
  const entries = raw
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  for (const e of entries) {
    const [net = "", bits, extra] = e.split("/");
    const v = isIP(net);
    const max = v === 4 ? 32 : 128;
    const n = bits === undefined ? max : Number(bits);
    if (!v || extra !== undefined || (bits !== undefined && !/^\d+$/.test(bits)) || n > max)
      throw new Error(`"${e}" is not an address or CIDR range`);
    ranges.addSubnet(net, n, family(net));
  }
  return { ranges, raw: entries };
}

/** isTrustedProxy tells whether `address` is one of the trusted proxies. */
export function isTrustedProxy(t: TrustedProxies, address: string): boolean {
  const ip = unmapped(address);
  return t.raw.length > 0 && isIP(ip) !== 0 && t.ranges.check(ip, family(ip));
}

/**
 * clientAddress resolves the address a request came from: the peer itself,
 * unless the peer is a trusted proxy; then the right-most X-Forwarded-For hop
 * that is not a trusted proxy (hops to its left are written by the client
 * and prove nothing). A malformed hop ends the walk at the last good one.
 */
export function clientAddress(t: TrustedProxies, peer: string, forwardedFor: string | undefined): string {
  let client = unmapped(peer);
  if (!isTrustedProxy(t, client) || !forwardedFor) return client;
  const hops = forwardedFor.split(",").map((h) => unmapped(h.trim()));
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (isIP(hop) === 0) break;
    client = hop;
    if (!isTrustedProxy(t, hop)) break;
  }
  return client;
}

const FORWARDED_HEADERS = ["x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"] as const;

/**
 * forwarded makes the request's address and protocol those of the original
 * client when, and only when, the peer is a trusted proxy. The app runs with
 * Koa's `proxy` on, so `ctx.protocol`/`ctx.secure` follow X-Forwarded-Proto;
 * this middleware runs first and removes the X-Forwarded-* headers of every
 * untrusted peer, and sets `ctx.ip` itself (Koa's own choice is the
 * left-most, client-written hop).
 */
export function forwarded(t: TrustedProxies): Middleware {
  return async function forwardedMiddleware(ctx, next) {
    const peer = ctx.req.socket.remoteAddress ?? "";
    const headers = ctx.req.headers;
    if (!isTrustedProxy(t, peer)) for (const h of FORWARDED_HEADERS) delete headers[h];
    const xff = headers["x-forwarded-for"];
    ctx.request.ip = clientAddress(t, peer, Array.isArray(xff) ? xff.join(",") : xff);
    await next();
  };
}
