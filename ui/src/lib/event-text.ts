/**
 * describeEvent says in one plain sentence what an event means, from its
 * type and data; unknown types fall back to their scalar fields.
 */
import type { FleetEvent } from "../types.js";
import { labelsText, percent, time } from "./format.js";

type Data = Record<string, unknown>;

const s = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : "");
const words = (v: unknown): string => s(v).replace(/_/g, " ");
const by = (v: unknown): string => (s(v) ? ` by ${s(v)}` : "");
const plural = (n: unknown, one: string): string => (typeof n === "number" ? `${n} ${n === 1 ? one : `${one}s`}` : `${one}s`);

function fallback(d: Data): string {
  return Object.entries(d)
    .filter(([, v]) => v !== null && typeof v !== "object")
    .slice(0, 5)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(" ");
}

function severities(v: unknown): string {
  if (!v || typeof v !== "object") return "";
  const parts = Object.entries(v as Record<string, unknown>)
    .filter(([, n]) => typeof n === "number" && n > 0)
    .map(([k, n]) => `${String(n)} ${k}`);
  return parts.length ? ` (${parts.join(", ")})` : "";
}

function scanEnded(d: Data, how: string): string {
  const nodes = d.nodes && typeof d.nodes === "object" ? (d.nodes as Record<string, number>) : {};
  const failed = (nodes.failed ?? 0) + (nodes.timed_out ?? 0);
  return `Scan ${s(d.scan_id)} ${how} with ${plural(d.findings, "finding")}${severities(d.by_severity)}${failed ? `; ${plural(failed, "node")} failed` : ""}.`;
}

const TEXT: Record<string, (d: Data) => string> = {
  "node.enrolled": (d) => {
    const labels = d.labels && typeof d.labels === "object" ? labelsText(d.labels as Record<string, string>) : "";
    return `Host ${s(d.hostname) || s(d.name)} enrolled${labels ? ` with labels ${labels}` : ""}.`;
  },
  "node.online": () => "The node came online.",
  "node.offline": (d) =>
    `The node went offline${s(d.reason) ? ` (${words(d.reason)})` : ""}${s(d.last_seen_at) ? `; last heartbeat ${time(s(d.last_seen_at))}` : ""}.`,
  "node.updated": (d) => {
    const changed = Array.isArray(d.changed) ? d.changed.map(words).join(" and ") : "";
    const name = s(d.name) && Array.isArray(d.changed) && d.changed.includes("name") ? `; now named ${s(d.name)}` : "";
    return `${changed ? `Its ${changed} changed` : "The node changed"}${by(d.actor)}${name}.`;
  },
  "node.deleted": (d) => `Node ${s(d.name) || s(d.hostname)} was deleted${by(d.actor)} and its certificate revoked.`,
  "node.duplicate_machine_id": (d) => `This host's machine id ${s(d.machine_id)} is also used by node ${s(d.duplicate_of)} (a cloned machine?).`,
  "node.certificate_renewed": (d) => `The node renewed its certificate${s(d.cert_expires_at) ? `, valid until ${time(s(d.cert_expires_at))}` : ""}.`,
  "node.metrics": (d) =>
    `CPU ${percent(d.cpu_usage_ratio as number)}, memory ${percent(d.mem_usage_ratio as number)}, fullest disk ${percent(d.fs_max_usage_ratio as number)}.`,
  "enrollment.rejected": (d) =>
    `An enrollment${s(d.source) ? ` from ${s(d.source)}` : ""} was refused: ${words(d.reason) || "no reason given"}${s(d.hostname) ? ` (host ${s(d.hostname)})` : ""}.`,
  "container.state": (d) =>
    `Container ${s(d.name) || s(d.container_id)} ${s(d.previous_state) && d.previous_state !== d.state ? `went from ${s(d.previous_state)} to ${s(d.state)}` : `is ${s(d.state)}`}${s(d.status) ? ` (${s(d.status)})` : ""}.`,
  "command.completed": (d) => `A ${words(d.kind) || "command"} command ${words(d.status)}${s(d.error_code) ? ` (${words(d.error_code)})` : ""}.`,
  "scan.queued": (d) => `Scan ${s(d.scan_id)} was queued for ${plural(d.nodes, "node")}${s(d.schedule_id) ? " by its schedule" : ""}.`,
  "scan.started": (d) => `Scan ${s(d.scan_id)} started.`,
  "scan.progress": (d) =>
    `Scan ${s(d.scan_id)} is ${typeof d.progress === "number" ? `${Math.round(d.progress * 100)} %` : "under way"} done${s(d.message) ? `: ${s(d.message)}` : ""}.`,
  "scan.completed": (d) => scanEnded(d, "completed"),
  "scan.failed": (d) => scanEnded(d, "failed"),
  "scan.canceled": (d) => scanEnded(d, "was canceled"),
  "finding.opened": (d) => `${d.reopened ? "Seen again" : "New"} ${s(d.severity)} finding: ${s(d.title) || s(d.rule_id)} on ${s(d.resource)}.`,
  "finding.resolved": (d) => `No longer seen: ${s(d.title) || s(d.rule_id)} on ${s(d.resource)}.`,
  "finding.triaged": (d) =>
    `${s(d.triaged_by) || "Someone"} marked a ${s(d.rule_id)} finding ${words(d.status)}${s(d.previous_status) && d.previous_status !== d.status ? ` (was ${words(d.previous_status)})` : ""}${s(d.note) ? `: “${s(d.note)}”` : ""}.`,
  "alert.fired": (d) =>
    `${s(d.severity) ? `${s(d.severity)[0]!.toUpperCase()}${s(d.severity).slice(1)} alert` : "Alert"} “${s(d.rule_name)}” fired: ${s(d.summary) || s(d.subject)}.`,
  "alert.acknowledged": (d) => `Alert “${s(d.rule_name)}” was acknowledged${by(d.by)}.`,
  "alert.resolved": (d) => `Alert “${s(d.rule_name)}” resolved${by(d.resolved_by ?? d.by)}.`,
  "webhook.failed": (d) =>
    `Delivering ${s(d.event_type) || "an event"} to webhook ${s(d.webhook_name) || s(d.webhook_id)} failed${typeof d.attempts === "number" ? ` (attempt ${d.attempts})` : ""}${s(d.error) ? `: ${s(d.error)}` : ""}.`,
  "webhook.disabled": (d) => `Webhook ${s(d.webhook_name) || s(d.webhook_id)} was disabled${s(d.reason) ? `: ${s(d.reason)}` : ""}.`,
};

/** describeEvent returns the sentence for an event. */
export function describeEvent(e: Pick<FleetEvent, "type" | "data">): string {
  const d = e.data && typeof e.data === "object" ? e.data : {};
  const f = TEXT[e.type];
  return f ? f(d) : fallback(d);
}
