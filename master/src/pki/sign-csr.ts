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
  return csr;
}
