import { X509Certificate } from "node:crypto";
import { connect, type DetailedPeerCertificate } from "node:tls";
import { derFingerprint, FlotillaError } from "@flotilla/shared";

/** PIN_MISMATCH is the message shown when the master's chain does not match the token. */
export const PIN_MISMATCH = "master certificate does not match the join token's CA hash";

function toPem(der: Uint8Array): string {
  const b64 = Buffer.from(der)
    .toString("base64")
    .replace(/(.{64})/g, "$1\n")
    .replace(/\n$/, "");
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

/**
 * verifyPinnedChain checks a presented chain (leaf first, DER) against the
 * token's CA hash: one certificate of the chain must hash to `caSha256`, and
 * the leaf must chain up to it by signature, issuer and validity. Returns the
 * pinned CA as PEM; throws `permission_denied` with {@link PIN_MISMATCH}.
 */
export function verifyPinnedChain(chain: Uint8Array[], caSha256: string, now = new Date()): string {
  const want = caSha256.toLowerCase();
  const certs = chain.map((der) => new X509Certificate(der));
  const caIndex = chain.findIndex((der) => derFingerprint(der) === want);
  if (caIndex < 0 || certs.length === 0) throw new FlotillaError("permission_denied", PIN_MISMATCH);
  const ca = certs[caIndex]!;
  if (!ca.ca) throw new FlotillaError("permission_denied", `${PIN_MISMATCH} (pinned certificate is not a CA)`);
  const within = (c: X509Certificate) => new Date(c.validFrom) <= now && now <= new Date(c.validTo);
  // Walk leaf → issuer → … until the pinned CA signs the current certificate.
  let cur = certs[0]!;
  for (let hops = 0; hops <= certs.length; hops++) {
    if (!within(cur)) throw new FlotillaError("permission_denied", `${PIN_MISMATCH} (certificate outside its validity period)`);
    if (cur.checkIssued(ca) && cur.verify(ca.publicKey)) return toPem(ca.raw);
    if (cur === ca) break;
    const issuer = certs.find((c) => c !== cur && cur.checkIssued(c) && cur.verify(c.publicKey));
    if (!issuer) break;
    cur = issuer;
  }
  throw new FlotillaError("permission_denied", `${PIN_MISMATCH} (server certificate is not signed by the pinned CA)`);
}

/** chainFromPeer flattens node's linked peer certificate into DER, leaf first. */
export function chainFromPeer(peer: DetailedPeerCertificate): Uint8Array[] {
  const out: Uint8Array[] = [];
  const seen = new Set<string>();
  let cur: DetailedPeerCertificate | undefined = peer;
  while (cur && cur.raw && !seen.has(cur.fingerprint256)) {
    seen.add(cur.fingerprint256);
    out.push(new Uint8Array(cur.raw));
    cur = cur.issuerCertificate;
  }
  return out;
}

/**
 * fetchPresentedChain opens a TLS connection only to read the certificate
 * chain the server presents (nothing is sent). Connection failures are
 * `unavailable` so callers retry.
 */
export function fetchPresentedChain(host: string, port: number, timeoutMs = 10_000): Promise<Uint8Array[]> {
  return new Promise((resolve, reject) => {
    const sock = connect({ host, port, rejectUnauthorized: false, ALPNProtocols: ["h2"], servername: "flotilla-master" });
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new FlotillaError("unavailable", `master ${host}:${port}: TLS handshake timed out`));
    }, timeoutMs);
    sock.once("secureConnect", () => {
      clearTimeout(timer);
      const chain = chainFromPeer(sock.getPeerCertificate(true));
      sock.destroy();
      resolve(chain);
    });
    sock.once("error", (err: Error) => {
      clearTimeout(timer);
      sock.destroy();
      reject(new FlotillaError("unavailable", `master ${host}:${port} unreachable: ${err.message}`, [], { cause: err }));
    });
  });
}

/** pinMasterCa fetches the master's chain and returns the CA PEM matching the token hash. */
export async function pinMasterCa(host: string, port: number, caSha256: string): Promise<string> {
  return verifyPinnedChain(await fetchPresentedChain(host, port), caSha256);
}
