import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { isIP } from "node:net";
import { hostname } from "node:os";
import { join } from "node:path";
import { caFingerprint as fingerprintOf } from "@flotilla/shared";
import { type Key, exportKeyPem, generateKeyPair, importKeyPem, SIGN_ALG, x509 } from "./crypto.js";
import { createCsrSigner, type SignedCert } from "./sign-csr.js";

/** MASTER_TLS_NAME is the fixed DNS name every worker verifies on the master's certificate. */
export const MASTER_TLS_NAME = "flotilla-master";

const CA_TTL_MS = 10 * 365 * 86_400_000;
const SERVER_TTL_MS = 365 * 86_400_000;
const RENEW_BEFORE_MS = 30 * 86_400_000;

/** Pki is the master's certificate authority and its TLS server identity. */
export interface Pki {
  /** caPem is the CA certificate (public; served to workers). */
  caPem: string;
  /** caFingerprint is the lowercase hex SHA-256 of the CA certificate's DER. */
  caFingerprint: string;
  /** serverCertPem is the master's server certificate alone. */
  serverCertPem: string;
  /** serverChainPem is the server certificate followed by the CA certificate. */
  serverChainPem: string;
  /** serverKeyPem is the server private key (PKCS#8 PEM). */
  serverKeyPem: string;
  /** signCsr issues a client certificate with CN = nodeId for a verified CSR. */
  signCsr(csrPem: string, nodeId: string, ttlMs: number): Promise<SignedCert>;
}

/** PkiOptions tunes the server certificate. */
export interface PkiOptions {
  /** Extra DNS names or IP addresses for the server certificate. */
  names: string[];
}

/**
 * createPki loads the CA and server identity from `<dataDir>/tls/`, creating
 * whatever is missing. The server certificate is reissued when it is close to
 * expiry or does not cover every requested name.
 */
export async function createPki(dataDir: string, opts: Partial<PkiOptions> = {}): Promise<Pki> {
  const dir = join(dataDir, "tls");
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const ca = await loadOrCreateCa(dir);
  const names = serverNames(opts.names ?? []);
  const server = await loadOrCreateServer(dir, ca, names);
  return {
    caPem: ca.pem,
    caFingerprint: fingerprintOf(ca.pem),
    serverCertPem: server.pem,
    serverChainPem: `${server.pem.trim()}\n${ca.pem.trim()}\n`,
    serverKeyPem: server.keyPem,
    signCsr: createCsrSigner(ca.cert, ca.key),
  };
}

interface CaMaterial {
  cert: x509.X509Certificate;
  key: Key;
  pem: string;
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

async function writeSecret(path: string, text: string): Promise<void> {
  await writeFile(path, text, { mode: 0o600 });
  await chmod(path, 0o600);
}

async function loadOrCreateCa(dir: string): Promise<CaMaterial> {
  const [pem, keyPem] = await Promise.all([readOptional(join(dir, "ca.crt")), readOptional(join(dir, "ca.key"))]);
  if (pem && keyPem) return { cert: new x509.X509Certificate(pem), key: await importKeyPem(keyPem), pem };
  const keys = await generateKeyPair();
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=Flotilla CA ${hostname()}`,
    keys,
    signingAlgorithm: SIGN_ALG,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + CA_TTL_MS),
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const certPem = cert.toString("pem") + "\n";
  await writeSecret(join(dir, "ca.key"), await exportKeyPem(keys.privateKey));
  await writeFile(join(dir, "ca.crt"), certPem, { mode: 0o644 });
  return { cert, key: keys.privateKey, pem: certPem };
}

function serverNames(extra: string[]): string[] {
  const all = ["localhost", "127.0.0.1", "::1", hostname(), MASTER_TLS_NAME, ...extra];
  return [...new Set(all.map((n) => n.trim()).filter(Boolean))];
}

function covers(cert: x509.X509Certificate, names: string[]): boolean {
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  if (!san) return false;
  const have = new Set(san.names.toJSON().map((n) => n.value.toLowerCase()));
  return names.every((n) => have.has(n.toLowerCase()));
}

async function loadOrCreateServer(dir: string, ca: CaMaterial, names: string[]): Promise<{ pem: string; keyPem: string }> {
  const [pem, keyPem] = await Promise.all([readOptional(join(dir, "server.crt")), readOptional(join(dir, "server.key"))]);
  if (pem && keyPem) {
    const cert = new x509.X509Certificate(pem);
    const fresh = cert.notAfter.getTime() - Date.now() > RENEW_BEFORE_MS;
    const signedByCa = cert.issuer === ca.cert.subject && (await cert.verify({ publicKey: ca.cert.publicKey, signatureOnly: true }));
    if (fresh && signedByCa && covers(cert, names)) return { pem, keyPem };
  }
  const keys = await generateKeyPair();
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.create({
    subject: `CN=${MASTER_TLS_NAME}`,
    issuer: ca.cert.subject,
    publicKey: keys.publicKey,
    signingKey: ca.key,
    signingAlgorithm: SIGN_ALG,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + SERVER_TTL_MS),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names.map((value) => ({ type: isIP(value) ? "ip" : "dns", value }))),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const certPem = cert.toString("pem") + "\n";
  const newKeyPem = await exportKeyPem(keys.privateKey);
  await writeSecret(join(dir, "server.key"), newKeyPem);
  await writeFile(join(dir, "server.crt"), certPem, { mode: 0o644 });
  return { pem: certPem, keyPem: newKeyPem };
}
