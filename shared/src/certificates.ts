/**
 * CERT_BACKDATE_MS is how far before its issue time a node certificate
 * starts to be valid, so a worker whose clock is a little behind the
 * master's can use it at once.
 */
export const CERT_BACKDATE_MS = 60_000;

/**
 * renewalDueAt is when a node should renew a certificate valid from
 * `notBeforeMs` to `notAfterMs`: two thirds of the way from its issue time
 * (notBefore plus the backdate) to its end.
 */
export function renewalDueAt(notBeforeMs: number, notAfterMs: number): number {
  const issued = Math.min(notBeforeMs + CERT_BACKDATE_MS, notAfterMs);
  return issued + Math.floor(((notAfterMs - issued) * 2) / 3);
}
