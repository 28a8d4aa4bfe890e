/**
 * Response shapes of the REST API (SPEC §4), snake_case as on the wire. They
 * are aliases of the types generated from the master's openapi.json
 * (client/src/gen/schema.ts, built from the routes' zod response schemas),
 * so a change to a route's answer shows up here as a type error.
 */
import type { components } from "../../client/src/gen/schema.js";

/** Schemas are the generated request and response types, by operation id. */
export type Schemas = components["schemas"];
type ItemOf<Op extends keyof Schemas> = Schemas[Op] extends { items: Array<infer T> } ? T : never;

/** Page is the envelope of every list. */
export interface Page<T> {
  items: T[];
  page: Schemas["users.list.response"]["page"] & { total?: number };
}

/** Me is the signed-in user (GET /auth/me). */
export type Me = Schemas["auth.me.list.response"];

/** Role is an operator's role, lowest to highest. */
export type Role = Me["role"];

/** User is one operator account. */
export type User = Schemas["users.get.response"];

/** Labels are a node's key/value labels. */
export type Labels = Record<string, string>;

/** FleetNode is one enrolled host, with its latest figures (0-1, null when unknown). */
export type FleetNode = Schemas["nodes.get.response"];

/** FleetStatus is GET /fleet/status. */
export type FleetStatus = Schemas["fleet.status.list.response"];

/** FindingsSummary is GET /findings/summary and a finished scan's `summary`. */
export type FindingsSummary = Schemas["findings.summary.list.response"];

/** Finding is one current observation of a rule on a resource. */
export type Finding = Schemas["findings.get.response"];

/** Severity of a finding, highest first. */
export type Severity = Finding["severity"];
export const SEVERITIES: Severity[] = ["critical", "high", "medium", "low", "info"];

/** TriageStatus is a finding's triage state. */
export type TriageStatus = Finding["triage_status"];
export const TRIAGE_STATUSES = ["open", "acknowledged", "false_positive", "accepted_risk", "handled"] as const satisfies readonly TriageStatus[];

/** Container is one container on one node. */
export type Container = ItemOf<"containers.list.response">;

/** CommandResult is a command record (GET /commands/{id}, and what a container action answers). */
export type CommandResult = Schemas["commands.get.response"];

/** JoinToken is one enrollment token; `token` only in the answer of its creation. */
export type JoinToken = Schemas["enrollment-tokens.get.response"];

/** EnrollmentAttempt is one recorded enrollment try. */
export type EnrollmentAttempt = ItemOf<"enrollment-attempts.list.response">;

/** Scan is one scan run with its per-node status. */
export type Scan = Schemas["scans.get.response"];

/** ScanNodeStatus is one node's part of a scan. */
export type ScanNodeStatus = Scan["nodes"][number];

/** ScanCompare is GET /scans/compare. */
export type ScanCompare = Schemas["scans.compare.list.response"];

/** ScannerInfo is one entry of GET /scanners. */
export type ScannerInfo = ItemOf<"scanners.list.response">;

/** Schedule is a recurring scan. */
export type Schedule = Schemas["schedules.get.response"];

/** FleetEvent is one event of the log and the live feed. */
export type FleetEvent = ItemOf<"events.list.response">;

/** ApiKey is one API key; `key` (the secret) only in the answer of its creation. */
export type ApiKey = ItemOf<"api-keys.list.response"> & { key?: string };

/** CensusSnapshot is GET /nodes/{id}/census: the newest host census of a node. */
export type CensusSnapshot = Schemas["nodes.census.list.response"];
