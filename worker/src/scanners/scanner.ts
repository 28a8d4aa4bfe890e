import type { Logger } from "@flotilla/shared";
import type Docker from "dockerode";

import type { Rule, Severity } from "./catalogue.js";

export type { Rule, Severity } from "./catalogue.js";

/** ScanFinding is one observation of one rule on one resource. */
export interface ScanFinding {
  ruleId: string;
  severity: Severity;
  title: string;
  /** Stable resource identity on the node, e.g. "container:/web". */
  resource: string;
  message: string;
  /** Evidence; must never contain secret values. */
  evidence: Record<string, unknown>;
  reclaimableBytes?: number;
  monthlyCost?: number;
}

/** ScanContext gives scanners their roots, clients and options. */
export interface ScanContext {
  /** Host paths are read under this root (default "/"). */
  hostRoot: string;
  docker: Docker | null;
  log: Logger;
  /** Scanner options from the scan request (thresholds, cost model). */
  options: Record<string, unknown>;
  /** Clock, replaceable in tests. */
  now: () => Date;
  /** Report progress 0..1 within this scanner. */
  progress: (fraction: number, message?: string) => void;
  signal: AbortSignal;
}

/** ScanOutput is what one scanner returns. */
export interface ScanOutput {
  findings: ScanFinding[];
  /** Scanner-specific snapshot (host-census stores its census here). */
  snapshot?: unknown;
}

/** Scanner checks one area of a host; listed in scanners/index.ts. */
export interface Scanner {
  readonly name: string;
  readonly description: string;
  readonly rules: Rule[];
  scan(ctx: ScanContext): Promise<ScanOutput>;
}
