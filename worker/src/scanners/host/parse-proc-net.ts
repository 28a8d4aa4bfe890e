/** ProcNetSocket is one listening socket parsed from /proc/net/{tcp,udp}[6]. */
export interface ProcNetSocket {
  proto: "tcp" | "udp";
  address: string;
  port: number;
  inode: string;
}

const TCP_LISTEN = "0A";
const UDP_UNCONNECTED = "07";

function hexToIpv4(hex: string): string {
  const n = parseInt(hex, 16);
  return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255].join(".");
}

function hexToIpv6(hex: string): string {
  const bytes: number[] = [];
  for (let w = 0; w < 4; w++) {
    const word = hex.slice(w * 8, w * 8 + 8);
    for (let b = 3; b >= 0; b--) bytes.push(parseInt(word.slice(b * 2, b * 2 + 2), 16));
  }
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255) {
    return `::ffff:${bytes.slice(12).join(".")}`;
  }
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  // Compress the longest run of zero groups, as in RFC 5952.
  let best = -1,
    bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== "0") {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > bestLen && j - i > 1) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return groups.join(":");
  return `${groups.slice(0, best).join(":")}::${groups.slice(best + bestLen).join(":")}`;
}

/**
 * parseProcNet returns the listening sockets of one /proc/net table: TCP in
 * LISTEN state, UDP sockets bound but unconnected. `v6` selects the address
 * format of tcp6/udp6.
 */
export function parseProcNet(text: string, proto: "tcp" | "udp", v6: boolean): ProcNetSocket[] {
  const out: ProcNetSocket[] = [];
  for (const line of text.split("\n").slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    const [local, remote, state, inode] = [f[1]!, f[2]!, f[3]!, f[9]!];
    const want = proto === "tcp" ? TCP_LISTEN : UDP_UNCONNECTED;
    if (state.toUpperCase() !== want) continue;
    if (proto === "udp" && !/^0+:0+$/.test(remote)) continue;
    const [addrHex, portHex] = local.split(":");
    if (!addrHex || !portHex || addrHex.length !== (v6 ? 32 : 8)) continue;
    out.push({ proto, address: v6 ? hexToIpv6(addrHex) : hexToIpv4(addrHex), port: parseInt(portHex, 16), inode });
  }
  return out;
}

/** isAllInterfaces reports whether an address binds every interface. */
export function isAllInterfaces(address: string): boolean {
  return address === "0.0.0.0" || address === "::" || address === "::ffff:0.0.0.0";
}
