import { createHash } from "node:crypto";
import { CERT_BACKDATE_MS, errors } from "@flotilla/shared";
import { type Key, randomSerial, SIGN_ALG, x509 } from "./crypto.js";

/** SignedCert is a client certificate issued to a node. */
export interface SignedCert {
  certPem: string;
  /** Lowercase hex serial, no leading zeros. */
  serial: string;
  notAfter: Date;
  /** Lowercase hex SHA-256 of the certified public key (SPKI DER). */
  publicKeySha256: string;
}

const MAX_CSR_CHARS = 16_384;

/**
 * createCsrSigner returns the CA's CSR signing function: it checks the CSR's
 * self-signature and issues a clientAuth certificate whose subject CN is the
 * node id, whatever subject the CSR asked for. Bad CSRs are invalid_argument.
 */
export function createCsrSigner(caCert: x509.X509Certificate, caKey: Key) {
  return async function signCsr(csrPem: string, nodeId: string, ttlMs: number): Promise<SignedCert> {
    const csr = await parseCsr(csrPem);
    const serial = randomSerial();
    const now = Date.now();
    const notAfter = new Date(Math.min(now + ttlMs, caCert.notAfter.getTime()));
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serial,
      subject: `CN=${nodeId}`,
      issuer: caCert.subject,
      publicKey: csr.publicKey,
      signingKey: caKey,
      signingAlgorithm: SIGN_ALG,
      notBefore: new Date(now - CERT_BACKDATE_MS),
      notAfter,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
        await x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey),
      ],
    });
    const publicKeySha256 = createHash("sha256").update(Buffer.from(csr.publicKey.rawData)).digest("hex");
    return { certPem: cert.toString("pem") + "\n", serial, notAfter: cert.notAfter, publicKeySha256 };
  };
}

async function parseCsr(csrPem: string): Promise<x509.Pkcs10CertificateRequest> {
  if (typeof csrPem !== "string" || csrPem.length === 0 || csrPem.length > MAX_CSR_CHARS || !csrPem.includes("CERTIFICATE REQUEST")) {
    throw errors.invalid("csr_pem must be a PEM certificate signing request", [{ field: "csr_pem", message: "not a PEM CSR" }]);
  }
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(csrPem);
  } catch {
    throw errors.invalid("csr_pem could not be parsed", [{ field: "csr_pem", message: "malformed CSR" }]);
  }
  let ok = false;
  try {
    ok = await csr.verify();
  } catch {
    ok = false;
  }
  if (!ok) throw errors.invalid("csr_pem signature does not verify", [{ field: "csr_pem", message: "bad CSR signature" }]);
  checkKeyPolicy(csr.publicKey.algorithm as { name?: string; namedCurve?: string; modulusLength?: number });
  return csr;
}

/** ALLOWED_CURVES are the EC curves a node key may use. */
const ALLOWED_CURVES = new Set(["P-256", "P-384"]);
/** MIN_RSA_BITS is the smallest RSA modulus a node key may have. */
const MIN_RSA_BITS = 2048;

/**
 * checkKeyPolicy refuses node keys weaker than the policy: EC on P-256 or
 * P-384, or RSA with at least 2048 bits. Anything else is invalid_argument.
 */
export function checkKeyPolicy(alg: { name?: string; namedCurve?: string; modulusLength?: number }): void {
  const name = alg.name ?? "";
  if (name === "ECDSA" || name === "ECDH") {
    if (ALLOWED_CURVES.has(alg.namedCurve ?? "")) return;
    throw errors.invalid(`csr_pem key uses curve ${alg.namedCurve ?? "unknown"}; use P-256 or P-384`, [
      { field: "csr_pem", message: "key too weak or unsupported" },
    ]);
  }
  if (/^RSA/.test(name)) {
    if ((alg.modulusLength ?? 0) >= MIN_RSA_BITS) return;
    throw errors.invalid(`csr_pem key is RSA-${alg.modulusLength ?? "?"}; RSA keys need at least ${MIN_RSA_BITS} bits`, [
      { field: "csr_pem", message: "key too weak" },
    ]);
  }
  throw errors.invalid(`csr_pem key type ${name || "unknown"} is not accepted; use EC P-256/P-384 or RSA >= ${MIN_RSA_BITS}`, [
    { field: "csr_pem", message: "unsupported key type" },
  ]);
}
