/** Public surface of the worker's scanners. */
import { dockerSecurity } from "./docker-security.js";
import { dockerWaste } from "./docker-waste.js";
import { hostCensus } from "./host-census.js";
import { mcpInventory } from "./mcp-inventory.js";
import { runScannersFrom, type RunContext, type ScannerRun } from "./runner.js";
import type { Scanner } from "./scanner.js";

export type { Rule, Scanner, ScanContext, ScanFinding, ScanOutput, Severity } from "./scanner.js";
export { CATALOGUE, SEVERITIES, catalogue, findRule, type ScannerInfo } from "./catalogue.js";
export { diffCensus, type Census, type CensusDiff } from "./census-diff.js";
export { optionsFor, type RunContext, type ScannerRun, type ScanProgress } from "./runner.js";
export { toScanResult } from "./to-proto.js";

/** SCANNERS is the registry of every scanner the worker has, in run order. */
export const SCANNERS: Scanner[] = [hostCensus, dockerSecurity, dockerWaste, mcpInventory];

/**
 * runScanners runs the named scanners (all when `names` is empty) in turn,
 * reporting progress; see {@link runScannersFrom}.
 */
export function runScanners(names: readonly string[], ctx: RunContext): Promise<ScannerRun[]> {
  return runScannersFrom(SCANNERS, names, ctx);
}
