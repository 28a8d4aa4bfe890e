import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { BlockList, isIP } from "node:net";
import { errors } from "@flotilla/shared";

/** AllowList is the parsed FLOTILLA_WEBHOOK_ALLOWED_HOSTS: host names plus addresses and CIDR ranges. */
export interface AllowList {
  hosts: Set<string>;
  ranges: BlockList;
  /** raw keeps the entries as given (for logs). */
  raw: string[];
}

const family = (ip: string) => (isIP(ip) === 6 ? "ipv6" : "ipv4");

function rangeList(cidrs: string[]): BlockList {
  const b = new BlockList();
  for (const c of cidrs) {
    const [net, bits] = c.split("/");
    b.addSubnet(net!, Number(bits), family(net!));
  }
  return b;
}

/** Always refused, allow list or not: link-local, cloud metadata, unspecified and multicast. */
const FORBIDDEN = rangeList([
  "0.0.0.0/8",
  "169.254.0.0/16",
  "100.100.100.200/32",
  "224.0.0.0/4",
  "240.0.0.0/4",
  "::/128",
  "fe80::/10",
  "fd00:ec2::254/128",
  "ff00::/8",
]);
/** Refused unless allowed: loopback, private, shared (CGNAT) and unique-local ranges. */
const INTERNAL = rangeList(["127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "198.18.0.0/15", "::1/128", "fc00::/7"]);

/**
 * parseAllowList parses `host,addr,cidr,…`; throws Error with a message for
 * the config loader on a malformed entry.
 */
export function parseAllowList(raw: string): AllowList {
  const entries = raw
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const hosts = new Set<string>();
  const cidrs: string[] = [];
  for (const e of entries) {
    if (e.includes("/")) {
      const [net, bits] = e.split("/");
      const v = isIP(net!);
      const n = Number(bits);
      if (!v || !/^\d+$/.test(bits ?? "") || n > (v === 4 ? 32 : 128)) throw new Error(`"${e}" is not a CIDR range`);
      cidrs.push(e);
    } else if (isIP(e)) cidrs.push(`${e}/${isIP(e) === 4 ? 32 : 128}`);
    else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(e)) hosts.add(e);
    else throw new Error(`"${e}" is not a host name, address or CIDR range`);
  }
  return { hosts, ranges: rangeList(cidrs), raw: entries };
}

/** unmapped turns an IPv4-mapped IPv6 address (::ffff:a.b.c.d) into the IPv4 address. */
function unmapped(ip: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return m ? m[1]! : ip;
}

/**
 * refusal explains why a connection from `host` (as written in the URL) to
 * the resolved `address` is refused, or returns null when it is allowed.
 */
export function refusal(allow: AllowList, host: string, address: string): string | null {
  const ip = unmapped(address);
  const fam = family(ip);
  if (FORBIDDEN.check(ip, fam)) return `${ip} is a link-local, metadata or reserved address`;
  if (!INTERNAL.check(ip, fam)) return null;
  if (allow.hosts.has(host.toLowerCase()) || allow.ranges.check(ip, fam)) return null;
  return `${ip} is a loopback or private address not in FLOTILLA_WEBHOOK_ALLOWED_HOSTS`;
}

/** bareHost strips IPv6 brackets from URL.hostname. */
export const bareHost = (hostname: string) => hostname.replace(/^\[(.*)\]$/, "$1");

type LookupCb = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * guardedLookup is a `lookup` for http.request that resolves the name and
 * refuses disallowed addresses at connect time, so DNS rebinding after the
 * URL was checked does not get around the guard.
 */
export function guardedLookup(allow: AllowList) {
  return (hostname: string, options: LookupOptions, cb: LookupCb): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addrs) => {
      if (err) return cb(err, "");
      const list = addrs as LookupAddress[];
      for (const a of list) {
        const why = refusal(allow, hostname, a.address);
        if (why) {
          const e = new Error(`refused: ${why}`) as NodeJS.ErrnoException;
          e.code = "EREFUSED_ADDRESS";
          return cb(e, "");
        }
      }
      if (options.all) return cb(null, list);
      return cb(null, list[0]!.address, list[0]!.family);
    });
  };
}

/**
 * checkOutboundUrl validates a webhook or channel URL under `field`: http(s),
 * no user:pass part, and a host that (when it resolves now) resolves to
 * allowed addresses only. Throws invalid_argument naming the field.
 */
export async function checkOutboundUrl(allow: AllowList, raw: string, field = "url"): Promise<URL> {
  const bad = (message: string) => errors.invalid(`invalid ${field}`, [{ field, message }]);
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw bad("not an absolute URL");
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw bad("must be http:// or https://");
  if (u.username || u.password) throw bad("must not carry a user:password part");
  const host = bareHost(u.hostname);
  if (!host) throw bad("has no host");
  let addrs: string[];
  if (isIP(host)) addrs = [host];
  else {
    addrs = await new Promise<string[]>((ok) => dnsLookup(host, { all: true }, (err, a) => ok(err ? [] : a.map((x) => x.address))));
  }
  for (const a of addrs) {
    const why = refusal(allow, host, a);
    if (why) throw bad(`refused: ${why}`);
  }
  return u;
}
