/**
 * RuleForm creates or edits an alert rule in a dialog; the parameters shown
 * depend on the rule kind.
 */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import type { AlertRule, Channel, RuleKind, RuleParams } from "../automation-types.js";
import { useList } from "../lib/use-list.js";
import { useSubmit } from "../lib/use-submit.js";
import { SEVERITIES, type Severity } from "../types.js";
import { Dialog } from "./dialog.js";
import { CheckField, FormActions, SelectField, TextField } from "./form-field.js";
import { FormError } from "./form-parts.js";

/** RULE_KINDS names each kind of rule in plain words. */
export const RULE_KINDS: Record<RuleKind, string> = {
  node_offline: "Node offline",
  group_offline_ratio: "Share of a label group offline",
  metric_threshold: "Host metric above a threshold",
  container_down: "Container not running, restarting or unhealthy",
  finding_opened: "Finding opened at or above a severity",
  scan_failed: "Scan failed",
  enrollment_rejections: "Burst of enrollment rejections",
  cert_expiring: "Node certificate about to expire",
};

const RATIO_METRICS = ["cpu", "memory", "filesystem"];

/** describeParams renders a rule's parameters in plain words. */
export function describeParams(r: Pick<AlertRule, "kind" | "params">): string {
  const p = r.params;
  switch (r.kind) {
    case "group_offline_ratio":
      return `≥ ${Math.round((p.ratio ?? 0) * 100)} % offline`;
    case "metric_threshold":
      return RATIO_METRICS.includes(p.metric ?? "")
        ? `${p.metric} > ${Math.round((p.threshold ?? 0) * 1000) / 10} %`
        : `${p.metric} per CPU > ${p.threshold}`;
    case "container_down":
      return `${p.container ?? "any container"}, ${p.restarts ?? 3} restarts`;
    case "finding_opened":
      return `${p.min_severity ?? "high"} or worse`;
    case "enrollment_rejections":
      return `${p.count} in ${p.window_seconds} s`;
    case "cert_expiring":
      return `within ${p.days} days`;
    default:
      return "";
  }
}

const num = (s: string) => (s.trim() === "" ? undefined : Number(s));

/** RuleForm saves an alert rule. */
export function RuleForm({ rule, onClose, onSaved }: { rule?: AlertRule; onClose: () => void; onSaved: () => void }) {
  const channels = useList<Channel>("/notification-channels", {}, 100);
  const p0 = rule?.params ?? {};
  const [name, setName] = useState(rule?.name ?? "");
  const [kind, setKind] = useState<RuleKind>(rule?.kind ?? "node_offline");
  const [severity, setSeverity] = useState<Severity>(rule?.severity ?? "high");
  const [forSeconds, setForSeconds] = useState(String(rule?.for_seconds ?? 120));
  const [repeat, setRepeat] = useState(String(rule?.repeat_seconds ?? 0));
  const [labels, setLabels] = useState(rule?.labels ?? "");
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [chosen, setChosen] = useState<string[]>(rule?.channel_ids ?? []);
  const [metric, setMetric] = useState(p0.metric ?? "cpu");
  const ratioMetric = RATIO_METRICS.includes(metric);
  const [threshold, setThreshold] = useState(
    p0.threshold === undefined ? "90" : String(RATIO_METRICS.includes(p0.metric ?? "") ? p0.threshold * 100 : p0.threshold),
  );
  const [ratio, setRatio] = useState(String((p0.ratio ?? 0.5) * 100));
  const [container, setContainer] = useState(p0.container ?? "");
  const [restarts, setRestarts] = useState(String(p0.restarts ?? 3));
  const [minSeverity, setMinSeverity] = useState<Severity>(p0.min_severity ?? "high");
  const [count, setCount] = useState(String(p0.count ?? 10));
  const [windowSeconds, setWindowSeconds] = useState(String(p0.window_seconds ?? 300));
  const [days, setDays] = useState(String(p0.days ?? 7));

  const params = (): RuleParams => {
    switch (kind) {
      case "group_offline_ratio":
        return { ratio: Number(ratio) / 100 };
      case "metric_threshold":
        return { metric, threshold: ratioMetric ? Number(threshold) / 100 : Number(threshold) };
      case "container_down":
        return { ...(container.trim() ? { container: container.trim() } : {}), restarts: num(restarts) };
      case "finding_opened":
        return { min_severity: minSeverity };
      case "enrollment_rejections":
        return { count: num(count), window_seconds: num(windowSeconds) };
      case "cert_expiring":
        return { days: num(days) };
      default:
        return {};
    }
  };
  const { busy, error, submit } = useSubmit(async () => {
    const body = {
      name,
      kind,
      severity,
      for_seconds: Number(forSeconds),
      repeat_seconds: Number(repeat),
      labels: labels.trim() || null,
      params: params(),
      channel_ids: chosen,
      enabled,
    };
    if (rule) await api.patch(`/alert-rules/${encodeURIComponent(rule.id)}`, body);
    else await api.post("/alert-rules", body);
    onSaved();
    onClose();
  });
  const field = (label: string, value: string, set: (v: string) => void, extra: { min?: number; max?: number; step?: string } = {}) => (
    <TextField label={label} type="number" required value={value} onValue={set} {...extra} />
  );
  return (
    <Dialog title={rule ? `Edit rule ${rule.name}` : "New alert rule"} onClose={onClose}>
      <form onSubmit={submit}>
        <TextField label="Name" required value={name} onValue={setName} />
        <SelectField<RuleKind>
          label="Fires when"
          value={kind}
          onValue={setKind}
          options={Object.entries(RULE_KINDS).map(([value, label]) => ({ value, label }))}
        />
        {kind === "group_offline_ratio" && field("Share offline (%)", ratio, setRatio, { min: 1, max: 100 })}
        {kind === "metric_threshold" && (
          <>
            <SelectField
              label="Metric"
              value={metric}
              onValue={setMetric}
              options={[
                { value: "cpu", label: "CPU usage" },
                { value: "memory", label: "Memory usage" },
                { value: "filesystem", label: "Fullest filesystem" },
                { value: "load", label: "Load (1 min) per CPU" },
              ]}
            />
            {field(ratioMetric ? "Above (%)" : "Above (load per CPU)", threshold, setThreshold, { min: 0, step: "any" })}
          </>
        )}
        {kind === "container_down" && (
          <>
            <TextField label="Container name (optional, * as wildcard)" value={container} placeholder="web-*" onValue={setContainer} />
            {field("Restarts counted as flapping", restarts, setRestarts, { min: 1 })}
          </>
        )}
        {kind === "finding_opened" && (
          <SelectField<Severity> label="Lowest severity" value={minSeverity} onValue={setMinSeverity} options={SEVERITIES} />
        )}
        {kind === "enrollment_rejections" && (
          <>
            {field("Rejections", count, setCount, { min: 1 })}
            {field("Within (seconds)", windowSeconds, setWindowSeconds, { min: 10 })}
          </>
        )}
        {kind === "cert_expiring" && field("Days before expiry", days, setDays, { min: 1, max: 365 })}
        <SelectField<Severity> label="Severity" name="severity" value={severity} onValue={setSeverity} options={SEVERITIES} />
        {field("For (seconds the condition must hold)", forSeconds, setForSeconds, { min: 0 })}
        {field("Notify again every (seconds, 0: never)", repeat, setRepeat, { min: 0 })}
        <TextField label="Only nodes with labels (optional)" value={labels} placeholder="env=prod" onValue={setLabels} />
        <fieldset>
          <legend>Notify through</legend>
          {channels.items.length === 0 && <p class="muted small">No channels yet: in-app notifications only.</p>}
          {channels.items.map((c) => (
            <label class="inline" key={c.id}>
              <input
                type="checkbox"
                checked={chosen.includes(c.id)}
                onChange={(e) => setChosen(e.currentTarget.checked ? [...chosen, c.id] : chosen.filter((x) => x !== c.id))}
              />{" "}
              {c.name} <span class="muted small">({c.kind})</span>
            </label>
          ))}
        </fieldset>
        <CheckField label="Enabled" checked={enabled} onChecked={setEnabled} />
        <FormError error={error} />
        <FormActions busy={busy} onCancel={onClose} submit={rule ? "Save rule" : "Create rule"} />
      </form>
    </Dialog>
  );
}
