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
