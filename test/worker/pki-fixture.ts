import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

type Crypto = Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[1];
const crypto = webcrypto as unknown as Crypto;
const EC = { name: "ECDSA", namedCurve: "P-256" } as const;
const SIGN = { name: "ECDSA", hash: "SHA-256" } as const;

/** TestCert is a certificate and its key as PEM. */
export interface TestCert {
  certPem: string;
  keyPem: string;
  keys: { privateKey: unknown; publicKey: unknown };
  cert: x509.X509Certificate;
}

async function keyPair() {
  return (await webcrypto.subtle.generateKey(EC, true, ["sign", "verify"])) as unknown as TestCert["keys"];
}

async function keyPem(k: unknown): Promise<string> {
  const der = await webcrypto.subtle.exportKey("pkcs8", k as webcrypto.CryptoKey);
  return x509.PemConverter.encode(der, "PRIVATE KEY");
}

/** makeCa creates a throwaway self-signed CA. */
export async function makeCa(name = "Test CA"): Promise<TestCert> {
  const keys = await keyPair();
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: "01",
      name: `CN=${name}`,
      notBefore: new Date(Date.now() - 60_000),
      notAfter: new Date(Date.now() + 86_400_000),
      keys: keys as never,
      signingAlgorithm: SIGN,
      extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)],
    },
    crypto,
  );
  return { cert, certPem: cert.toString("pem"), keyPem: await keyPem(keys.privateKey), keys };
}

/** makeLeaf issues a certificate signed by `ca` (server: DNS names; client: CN only). */
export async function makeLeaf(ca: TestCert, opts: { cn: string; dns?: string[]; lifetimeMs?: number; notBefore?: Date }): Promise<TestCert> {
  const keys = await keyPair();
  const notBefore = opts.notBefore ?? new Date(Date.now() - 60_000);
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber: Math.floor(Math.random() * 1e9)
        .toString(16)
        .padStart(8, "0"),
      subject: `CN=${opts.cn}`,
      issuer: ca.cert.subject,
      notBefore,
      notAfter: new Date(notBefore.getTime() + (opts.lifetimeMs ?? 86_400_000)),
      publicKey: (keys as unknown as { publicKey: never }).publicKey,
      signingKey: (ca.keys as unknown as { privateKey: never }).privateKey,
      signingAlgorithm: SIGN,
      extensions: opts.dns ? [new x509.SubjectAlternativeNameExtension(opts.dns.map((d) => ({ type: "dns" as const, value: d })))] : [],
    },
    crypto,
  );
  return { cert, certPem: cert.toString("pem"), keyPem: await keyPem(keys.privateKey), keys };
}
