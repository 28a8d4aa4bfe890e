import "reflect-metadata";
import { createPrivateKey, createPublicKey, webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

type CreateArgs = Parameters<typeof x509.Pkcs10CertificateRequestGenerator.create>;

const EC_ALG = { name: "ECDSA", namedCurve: "P-256" } as const;
const SIGN_ALG = { name: "ECDSA", hash: "SHA-256" } as const;

/**
 * createCsr makes a PKCS#10 certificate signing request (PEM) for the node's
 * PKCS#8 private key, with the given common name (the hostname).
 */
export async function createCsr(keyPem: string, commonName: string): Promise<string> {
  const key = createPrivateKey(keyPem);
  const subtle = webcrypto.subtle;
  const privateKey = await subtle.importKey("pkcs8", key.export({ type: "pkcs8", format: "der" }), EC_ALG, false, ["sign"]);
  const publicKey = await subtle.importKey("spki", createPublicKey(key).export({ type: "spki", format: "der" }), EC_ALG, true, ["verify"]);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create(
    {
      name: [{ CN: [commonName || "flotilla-node"] }],
      // x509 types its keys with the DOM CryptoKey, which the worker (no DOM lib) cannot resolve
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
      keys: { privateKey, publicKey } as unknown as CreateArgs[0]["keys"],
      signingAlgorithm: SIGN_ALG,
    },
    webcrypto as unknown as CreateArgs[1],
  );
  return csr.toString("pem");
}
