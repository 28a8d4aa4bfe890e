import "reflect-metadata";
import { webcrypto, randomBytes } from "node:crypto";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

/** Key is a WebCrypto key as node:crypto types it. */
export type Key = webcrypto.CryptoKey;

/** EC_ALG is the key algorithm used for every key the master makes: ECDSA P-256. */
export const EC_ALG = { name: "ECDSA", namedCurve: "P-256" } as const;

/** SIGN_ALG is the signature algorithm for certificates: ECDSA with SHA-256. */
export const SIGN_ALG = { name: "ECDSA", hash: "SHA-256" } as const;

/** generateKeyPair makes a fresh extractable P-256 key pair. */
export async function generateKeyPair(): Promise<webcrypto.CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(EC_ALG, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair;
}

/** exportKeyPem renders a private key as PKCS#8 PEM. */
export async function exportKeyPem(key: Key): Promise<string> {
  const der = await webcrypto.subtle.exportKey("pkcs8", key);
  return x509.PemConverter.encode(der, "PRIVATE KEY");
}

/** importKeyPem loads a PKCS#8 PEM P-256 private key for signing. */
export async function importKeyPem(pem: string): Promise<Key> {
  const der = x509.PemConverter.decodeFirst(pem);
  return webcrypto.subtle.importKey("pkcs8", der, EC_ALG, true, ["sign"]);
}

/**
 * randomSerial returns a positive 128-bit certificate serial as lowercase hex
 * with no leading zero, so it compares equal to what TLS peers report.
 */
export function randomSerial(): string {
  const b = randomBytes(16);
  b[0] = (b[0]! & 0x7f) | 0x10;
  return b.toString("hex");
}

/** normalizeSerial makes serials from any source comparable (lowercase, no leading zeros, no colons). */
export function normalizeSerial(s: string): string {
  return s
    .replace(/:/g, "")
    .toLowerCase()
    .replace(/^0+(?=.)/, "");
}

export { x509 };
