/** Re-export of the scanner catalogue, which lives in @flotilla/shared so the master can serve it. */
export {
  CATALOGUE,
  DOCKER_SECURITY_RULES,
  DOCKER_WASTE_RULES,
  HOST_CENSUS_RULES,
  MCP_INVENTORY_RULES,
  SEVERITIES,
  catalogue,
  findRule,
} from "@flotilla/shared";
export type { Rule, ScannerInfo, Severity } from "@flotilla/shared";
