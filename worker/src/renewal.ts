import { X509Certificate } from "node:crypto";
import { FlotillaError, type Logger } from "@flotilla/shared";
import { sleep } from "./backoff.js";
import type { NodeClient } from "./client.js";
import { createCsr } from "./csr.js";
import type { Identity, StateDir } from "./identity.js";
import { rpcError } from "./rpc-error.js";

/** renewalDueAt is when a certificate should be renewed: after 2/3 of its lifetime. */
export function renewalDueAt(certPem: string): number {
  const c = new X509Certificate(certPem);
  const from = Date.parse(c.validFrom);
  const to = Date.parse(c.validTo);
  return from + Math.floor(((to - from) * 2) / 3);
}

/** RenewalOptions configure {@link runRenewal}. */
export interface RenewalOptions {
  client: NodeClient;
  identity: Identity;
  stateDir: StateDir;
  commonName: string;
  signal: AbortSignal;
  log: Logger;
  /** Delay between failed attempts. */
  retryMs?: number;
}

const MAX_TIMER = 2 ** 31 - 1;

/**
 * runRenewal waits until the certificate is due, exchanges a CSR (same key)
 * for a new certificate, stores it and updates `identity` in place. Resolves
 * `true` after a renewal (the caller reconnects with the new certificate) and
 * `false` when aborted; an `unauthenticated` answer is thrown.
 */
export async function runRenewal(o: RenewalOptions): Promise<boolean> {
  while (!o.signal.aborted) {
    const wait = renewalDueAt(o.identity.certPem) - Date.now();
    if (wait > 0) {
      await sleep(Math.min(wait, MAX_TIMER), o.signal);
      continue;
    }
    try {
      const csrPem = await createCsr(o.identity.keyPem, o.commonName);
      const res = await o.client.renewCertificate({ csrPem }, { signal: o.signal, timeoutMs: 15_000 });
      new X509Certificate(res.certificatePem);
      await o.stateDir.saveCertificate(res.certificatePem);
      o.identity.certPem = res.certificatePem;
      o.log.info({ valid_to: new X509Certificate(res.certificatePem).validTo }, "certificate renewed");
      return true;
    } catch (err) {
      if (o.signal.aborted) break;
      const e = rpcError(err);
      if (e.code === "unauthenticated") throw e;
      o.log.warn({ code: e.code, err: e.message }, "certificate renewal failed; will retry");
      await sleep(o.retryMs ?? 30_000, o.signal);
    }
  }
  return false;
}

/** isExpired reports whether a certificate is past its end date. */
export function isExpired(certPem: string, now = Date.now()): boolean {
  return Date.parse(new X509Certificate(certPem).validTo) < now;
}

/** certExpiredError explains what to do with an expired node certificate. */
export function certExpiredError(): FlotillaError {
  return new FlotillaError("unauthenticated", "node certificate has expired; delete the state dir and enroll again with a new join token");
}
