import { X509Certificate } from "node:crypto";
import { FlotillaError, renewalDueAt as dueAt, type Logger } from "@flotilla/shared";
import { sleep } from "./backoff.js";
import type { NodeClient } from "./client.js";
import { createCsr } from "./csr.js";
import type { Identity, StateDir } from "./identity.js";
import { rpcError } from "./rpc-error.js";

/**
 * renewalDueAt is when a certificate should be renewed: after two thirds of
 * the time it was issued for (its start is backdated for clock skew, which
 * does not count).
 */
export function renewalDueAt(certPem: string): number {
  const c = new X509Certificate(certPem);
  return dueAt(Date.parse(c.validFrom), Date.parse(c.validTo));
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

/**
 * certExpiredError explains an expired node certificate: the worker was away
 * past its renewal time, so the master can no longer authenticate it, and
 * the node has to enroll again.
 */
export function certExpiredError(certPem: string, nodeStatePath: string, nodeId: string): FlotillaError {
  const at = new Date(new X509Certificate(certPem).validTo).toISOString();
  return new FlotillaError(
    "unauthenticated",
    `node certificate expired at ${at} (the worker could not renew it in time, e.g. it was disconnected or stopped); ` +
      `remove ${nodeStatePath} and start the worker with a new join token to enroll again, then delete the old node ${nodeId}`,
  );
}
