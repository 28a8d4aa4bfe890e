import { SEVERITIES } from "@flotilla/shared";
import { z } from "zod";
import { TRIAGE_STATUSES } from "../../scans/findings.js";
import { ACTIVE_SCAN, FINISHED_SCAN } from "../../scans/scan-store.js";
import { countsSchema, labelsSchema, nullableTime, timestamp } from "./common.js";

const severity = z.enum(SEVERITIES as unknown as ["critical", "high", "medium", "low", "info"]);

/** findingsSummarySchema is GET /findings/summary and a scan's `summary`. */
export const findingsSummarySchema = z.object({
  total: z.number().int(),
  by_severity: z.object(Object.fromEntries(SEVERITIES.map((s) => [s, z.number().int()])) as Record<z.infer<typeof severity>, z.ZodNumber>),
  by_scanner: countsSchema,
  by_node: countsSchema,
  reclaimable_bytes: z.number(),
  monthly_savings: z.number().describe("Estimated monthly savings (sum of the findings' monthly cost, rounded to cents)"),
});

/** fleetFindingsSummarySchema is GET /findings/summary: the summary plus the findings and nodes each rule affects. */
export const fleetFindingsSummarySchema = findingsSummarySchema.extend({
  by_rule: z
    .array(
      z.object({
        rule_id: z.string(),
        scanner: z.string(),
        severity: z.string(),
        title: z.string(),
        findings: z.number().int(),
        nodes: z.number().int(),
      }),
    )
    .describe("Rules most severe first, then by findings affected"),
});

/** findingSchema is one finding: the current observation of a rule on a resource. */
export const findingSchema = z.object({
  fingerprint: z.string(),
  scanner: z.string(),
  rule_id: z.string(),
  node_id: z.string(),
  resource: z.string(),
  severity,
  title: z.string(),
  message: z.string(),
  evidence: z.unknown(),
  reclaimable_bytes: z.number(),
  monthly_cost: z.number(),
  status: z.enum([...TRIAGE_STATUSES, "resolved"]).describe('The triage status, or "resolved" once a later scan no longer sees it'),
  triage_status: z.enum(TRIAGE_STATUSES),
  triage_note: z.string().nullable(),
  triaged_by: z.string().nullable(),
  triaged_at: nullableTime,
  first_seen_at: timestamp,
  last_seen_at: timestamp,
  first_scan_id: z.string(),
  last_scan_id: z.string(),
  resolved_at: nullableTime,
});

/** targetsViewSchema is the target selector of a scan or schedule as stored. */
export const targetsViewSchema = z.object({
  node_ids: z.array(z.string()).optional(),
  labels: labelsSchema.optional(),
  all: z.literal(true).optional(),
});

/** scanNodeSchema is one node's part of a scan. */
export const scanNodeSchema = z.object({
  node_id: z.string(),
  status: z.enum(["queued", "waiting", "running", "succeeded", "partial", "failed", "skipped", "canceled"]),
  progress: z.number(),
  command_id: z.string().nullable(),
  error: z.string().nullable(),
  reason: z.string().nullable().describe("Why a node was skipped or failed, or the scanner error of a partial result"),
  findings: z.number().int(),
  started_at: nullableTime,
  finished_at: nullableTime,
});

const scanFields = z.object({
  id: z.string(),
  scan_id: z.string(),
  status: z.enum([...ACTIVE_SCAN, ...FINISHED_SCAN]),
  targets: targetsViewSchema,
  scanners: z.array(z.string()),
  options: z.record(z.string(), z.unknown()),
  requested_by: z.string().nullable(),
  schedule_id: z.string().nullable(),
  created_at: timestamp,
  started_at: nullableTime,
  finished_at: nullableTime,
  deadline_at: timestamp,
  error: z.string().nullable(),
  summary: z.union([findingsSummarySchema, z.strictObject({})]).describe("Filled in when the scan finishes; an empty object before"),
});

/** scanSchema is a scan (GET /scans, GET /scans/{id}) with its overall progress and per-node status. */
export const scanSchema = scanFields.extend({ progress: z.number().describe("0-1"), nodes: z.array(scanNodeSchema) });

/** scanQueuedSchema is POST /scans (202): the new scan's id. */
export const scanQueuedSchema = z.object({ scan_id: z.string(), id: z.string(), status: z.literal("queued") });

/** scanCompareSchema is GET /scans/compare. */
export const scanCompareSchema = z.object({ new: z.array(findingSchema), fixed: z.array(findingSchema), unchanged: z.array(findingSchema) });

/** scanReportSchema is GET /scans/{id}/report?format=json. */
export const scanReportSchema = z.object({ scan: scanSchema, findings: z.array(findingSchema) });

/** scannerSchema is one scanner of the catalogue with its rules. */
export const scannerSchema = z.object({
  name: z.string(),
  description: z.string(),
  rules: z.array(z.object({ id: z.string(), title: z.string(), severity, description: z.string(), remediation: z.string() })),
});

/** scheduleSchema is a recurring scan. */
export const scheduleSchema = z.object({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  interval_seconds: z.number().int().nullable(),
  cron: z.string().nullable(),
  timezone: z.string(),
  targets: targetsViewSchema,
  scanners: z.array(z.string()),
  created_by: z.string().nullable(),
  created_at: timestamp,
  updated_at: timestamp,
  next_run_at: nullableTime,
  last_run_at: nullableTime,
  last_status: z.string().nullable(),
  last_error: z.string().nullable(),
  last_scan_id: z.string().nullable(),
});
