import { FlotillaError } from "@flotilla/shared";
import { findRule } from "./catalogue.js";
import type { ScanFinding } from "./scanner.js";

/** FindingExtra carries the optional cost fields of a finding. */
export interface FindingExtra {
  reclaimableBytes?: number;
  monthlyCost?: number;
}

/**
 * makeFinding builds a ScanFinding for a catalogued rule, taking severity and
 * title from the catalogue so findings and GET /scanners never disagree.
 */
export function makeFinding(
  ruleId: string,
  resource: string,
  message: string,
  evidence: Record<string, unknown>,
  extra: FindingExtra = {},
): ScanFinding {
  const rule = findRule(ruleId);
  if (!rule) throw new FlotillaError("internal", `rule ${ruleId} is not in the catalogue`);
  return { ruleId, severity: rule.severity, title: rule.title, resource, message, evidence, ...extra };
}

/** GIB is the number of bytes in one GiB, the unit of the storage cost model. */
export const GIB = 1024 ** 3;

/** storageCost returns the monthly cost of `bytes` at `perGbMonth`, rounded to cents/10000. */
export function storageCost(bytes: number, perGbMonth: number): number {
  return Math.round((bytes / GIB) * perGbMonth * 10000) / 10000;
}
