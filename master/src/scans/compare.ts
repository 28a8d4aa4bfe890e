/** Comparable is what compare needs of a finding. */
export interface Comparable {
  fingerprint: string;
  nodeId: string;
}

/** Comparison lists findings of two scans by fingerprint. */
export interface Comparison<T> {
  /** Seen by head, not by base. */
  new: T[];
  /** Seen by base, not by head, on a node head scanned successfully. */
  fixed: T[];
  /** Seen by both. */
  unchanged: T[];
}

/**
 * compareFindings splits the findings of a base and a head scan by
 * fingerprint. A base finding missing from head counts as fixed only when
 * head scanned its node successfully (`headScanned`); otherwise nothing is
 * known about it and it is left out. Lists are sorted by fingerprint.
 */
export function compareFindings<T extends Comparable>(base: readonly T[], head: readonly T[], headScanned: ReadonlySet<string>): Comparison<T> {
  const inBase = new Set(base.map((f) => f.fingerprint));
  const inHead = new Set(head.map((f) => f.fingerprint));
  const byFp = (a: T, b: T) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0);
  return {
    new: head.filter((f) => !inBase.has(f.fingerprint)).sort(byFp),
    fixed: base.filter((f) => !inHead.has(f.fingerprint) && headScanned.has(f.nodeId)).sort(byFp),
    unchanged: head.filter((f) => inBase.has(f.fingerprint)).sort(byFp),
  };
}
