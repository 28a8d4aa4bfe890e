/** Public surface of the master's PKI. */
export { createPki, MASTER_TLS_NAME, type Pki, type PkiOptions } from "./pki.js";
export type { SignedCert } from "./sign-csr.js";
export { normalizeSerial } from "./crypto.js";
