/**
 * peerAddress extracts the source IP from a grpc-js peer string such as
 * `ipv4:127.0.0.1:5000`, `127.0.0.1:5000` or `[::1]:5000`.
 */
export function peerAddress(peer: string): string {
  const p = peer.replace(/^(ipv4|ipv6|unix):/, "");
  const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(p);
  if (v6) return v6[1]!;
  const v4 = /^([^:]+):\d+$/.exec(p);
  return v4 ? v4[1]! : p || "unknown";
}

/**
 * transportOf returns the HTTP/2 session a grpc-js server call arrived on,
 * or undefined when this grpc-js version hides it. A connection presents one
 * client certificate for its life, so what was learnt from it can be kept
 * per session (reading the certificate costs a DER copy and three digests
 * per call). The path is grpc-js internals: the call's `call`, through any
 * interceptors' `nextCall`, to the base call's `stream.session`.
 */
export function transportOf(raw: unknown): object | undefined {
  let c = (raw as { call?: unknown } | null)?.call;
  for (let i = 0; i < 16 && c && typeof c === "object"; i++) {
    const s = (c as { stream?: { session?: unknown } }).stream?.session;
    if (s && typeof s === "object") return s;
    c = (c as { nextCall?: unknown }).nextCall;
  }
  return undefined;
}
