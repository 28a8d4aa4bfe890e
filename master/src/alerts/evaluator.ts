import type { Logger } from "@flotilla/shared";
import type { FleetEvent } from "../events/types.js";
import { newId } from "../ids.js";
import type { Metrics } from "../metrics/registry.js";
import type { EventBus } from "../events/types.js";
import type { Message } from "../notify/senders.js";
import { selectorMatches, type LabelIndex } from "../webhooks/node-labels.js";
import type { Alert, AlertRule, AlertStore, Silence } from "./alert-store.js";
import { containerProblem, createContainerWatch, type ContainerSeen } from "./container-watch.js";
import { METRICS, severityAtLeast, type RuleKind, type RuleParams } from "./rules.js";

interface Rule {
  row: AlertRule;
  kind: RuleKind;
  params: RuleParams;
  selector: Record<string, string> | null;
  channels: string[];
}

interface Condition {
  since: number;
  nodeId: string | null;
  summary: string;
  details: Record<string, unknown>;
}

/** EvaluatorDeps are what the evaluator reads (memory only) and writes (alerts, events, notifications). */
export interface EvaluatorDeps {
  store: AlertStore;
  /** bus is where alert events are published. */
  bus: EventBus;
  /** feed is what the evaluator follows (default: bus); with replicas, every replica's events. */
  feed?: EventBus;
  labels: LabelIndex;
  log: Logger;
  metrics: Metrics;
  isOnline: (nodeId: string) => boolean;
  notify: (channelIds: string[], m: Message) => Promise<unknown>;
  uiLink: (path: string) => string;
  tickMs?: number;
}

/** alertEventData is the data of an `alert.*` event. */
export const alertEventData = (a: Alert, rule: AlertRule) => ({
  alert_id: a.id,
  rule_id: rule.id,
  rule_name: rule.name,
  kind: rule.kind,
  severity: a.severity,
  subject: a.subject,
  summary: a.summary,
  state: a.state,
});

const parseSelector = (s: string | null): Record<string, string> | null =>
  s ? Object.fromEntries(s.split(",").map((kv) => kv.split("=") as [string, string])) : null;
const globToRe = (g: string) => new RegExp(`^${g.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);

/**
 * createEvaluator evaluates alert rules on the master from what it already
 * follows in memory: liveness transitions, node.metrics summaries, container
 * states and restarts (the last known states read once at start, then kept
 * from container.state events), certificate expiries (read once at start, then kept
 * from enrollment and renewal events) and finding/scan/enrollment events. A condition that holds for the
 * rule's `for` duration fires one alert per rule and subject; the condition
 * clearing resolves it. Silences mute channel notifications only.
 */
export function createEvaluator(d: EvaluatorDeps) {
  let rules: Rule[] = [];
  let silences: Silence[] = [];
  const conditions = new Map<string, Map<string, Condition>>();
  const open = new Map<string, Alert>();
  const online = new Map<string, boolean>();
  const rejections: number[] = [];
  const containers = createContainerWatch();
  /** Certificate expiry (ms) per node, seeded at start and kept by node.enrolled / node.certificate_renewed. */
  let certs = new Map<string, number>();
  let certsCheckedAt = 0;
  let work: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let unsubscribe: (() => void) | null = null;
  const key = (ruleId: string, subject: string) => `${ruleId}|${subject}`;
  const serial = (fn: () => Promise<unknown>): void => {
    work = work.then(fn).catch((err) => d.log.error({ err }, "alert evaluation failed"));
  };

  const gauge = () => {
    d.metrics.alerts.reset();
    for (const a of open.values()) d.metrics.alerts.inc({ state: a.state, severity: a.severity });
  };
  const silenced = (rule: Rule, nodeId: string | null) => {
    const now = new Date();
    return silences.some(
      (s) =>
        s.startsAt <= now &&
        s.endsAt > now &&
        (!s.ruleId || s.ruleId === rule.row.id) &&
        (!s.labels || (nodeId !== null && selectorMatches(parseSelector(s.labels), d.labels.labelsOf(nodeId)))),
    );
  };
  const message = (rule: Rule, a: Alert, verb: string): Message => ({
    title: `${verb}: ${rule.row.name}`,
    text: `[${a.severity}] ${a.summary}`,
    link: d.uiLink(a.nodeId ? `/nodes/${a.nodeId}` : "/alerts"),
    severity: a.severity,
    data: {
      type: `alert.${verb.toLowerCase()}`,
      alert_id: a.id,
      rule_id: rule.row.id,
      state: a.state,
      node_id: a.nodeId,
      subject: a.subject,
      summary: a.summary,
    },
  });
  const tell = async (rule: Rule, a: Alert, verb: string) => {
    if (silenced(rule, a.nodeId)) return false;
    const failures = (await d.notify(rule.channels, message(rule, a, verb))) as Array<{ channel_id: string; error: string }>;
    for (const f of failures) d.log.warn({ alert_id: a.id, ...f }, "alert notification failed");
    return true;
  };
  const eventData = (a: Alert, rule: Rule) => alertEventData(a, rule.row);

  const fire = async (rule: Rule, subject: string, c: Condition) => {
    const { alert: a, created } = await d.store.alerts.claim({
      id: newId("alt"),
      ruleId: rule.row.id,
      subject,
      nodeId: c.nodeId,
      severity: rule.row.severity,
      state: "firing",
      summary: c.summary,
      details: JSON.stringify(c.details),
      firedAt: new Date(),
    });
    open.set(key(rule.row.id, subject), a);
    gauge();
    // Another replica fired it first (around a leader handover): it announced and notified it.
    if (!created) return;
    d.bus.publish("alert.fired", eventData(a, rule), c.nodeId ?? undefined);
    // In-app first: a slow mail server must not hold back the bell in the UI.
    await d.store.notifications.fanOut((userId) => ({
      id: newId("ntf"),
      userId,
      kind: "alert",
      title: `${rule.row.name}: ${c.summary}`,
      link: a.nodeId ? `/nodes/${a.nodeId}` : "/alerts",
    }));
    if (await tell(rule, a, "Firing")) open.set(key(rule.row.id, subject), await d.store.alerts.update(a.id, { lastNotifiedAt: new Date() }));
  };

  const resolve = async (rule: Rule | undefined, a: Alert, by: string | null) => {
    open.delete(key(a.ruleId, a.subject));
    const r = await d.store.alerts.transition(a.id, ["firing", "acknowledged"], { state: "resolved", resolvedAt: new Date(), resolvedBy: by });
    gauge();
    // Already resolved (by an operator, or by another replica): announced there.
    if (!r) return a;
    if (rule) {
      d.bus.publish("alert.resolved", { ...eventData(r, rule), resolved_by: by }, r.nodeId ?? undefined);
      await tell(rule, r, "Resolved");
    }
    return r;
  };

  /** set records a rule's condition for a subject as holding (info) or clear (null). */
  const set = (rule: Rule, subject: string, info: Omit<Condition, "since"> | null) => {
    const m = conditions.get(rule.row.id) ?? conditions.set(rule.row.id, new Map()).get(rule.row.id)!;
    if (info) {
      // a condition that keeps holding keeps its start; its summary follows the latest cause
      m.set(subject, { ...info, since: m.get(subject)?.since ?? Date.now() });
      return;
    }
    m.delete(subject);
    const a = open.get(key(rule.row.id, subject));
    if (a) serial(() => resolve(rule, a, null));
  };

  const nodeRules = (kind: RuleKind, nodeId: string) =>
    rules.filter((r) => r.kind === kind && r.row.enabled && selectorMatches(r.selector, d.labels.labelsOf(nodeId)));
  const groupCheck = () => {
    for (const r of rules.filter((x) => x.kind === "group_offline_ratio" && x.row.enabled)) {
      const members = d.labels.nodes().filter((n) => selectorMatches(r.selector, d.labels.labelsOf(n)));
      const off = members.filter((n) => !(online.get(n) ?? d.isOnline(n))).length;
      const ratio = members.length ? off / members.length : 0;
      set(
        r,
        "group",
        members.length && ratio >= r.params.ratio!
          ? {
              nodeId: null,
              summary: `${off} of ${members.length} nodes offline (${Math.round(ratio * 100)} %)`,
              details: { offline: off, total: members.length },
            }
          : null,
      );
    }
  };

  const containerCheck = (c: ContainerSeen) => {
    const now = Date.now();
    for (const r of nodeRules("container_down", c.nodeId)) {
      if (r.params.container && !globToRe(r.params.container).test(c.name)) continue;
      const problem = containerProblem(c, r.params, now);
      set(
        r,
        `container:${c.nodeId}/${c.name}`,
        problem
          ? {
              nodeId: c.nodeId,
              summary: `Container ${c.name} on node ${c.nodeId} ${problem}`,
              details: { name: c.name, state: c.state, unhealthy: c.unhealthy, restarts: c.restarts.length },
            }
          : null,
      );
    }
  };
  const certCheck = (now: number) => {
    for (const r of rules.filter((x) => x.kind === "cert_expiring" && x.row.enabled)) {
      for (const [nodeId, expires] of certs) {
        if (!selectorMatches(r.selector, d.labels.labelsOf(nodeId))) continue;
        const left = expires - now;
        set(
          r,
          `node:${nodeId}`,
          left < r.params.days! * 86_400_000
            ? {
                nodeId,
                summary: `Certificate of node ${nodeId} ${left > 0 ? `expires in ${Math.floor(left / 3_600_000)} h` : "has expired"} and was not renewed`,
                details: { cert_expires_at: new Date(expires).toISOString() },
              }
            : null,
        );
      }
    }
  };

  const onEvent = (e: FleetEvent) => {
    const n = e.node_id;
    switch (e.type) {
      case "node.offline":
      case "node.online":
        if (!n) return;
        online.set(n, e.type === "node.online");
        for (const r of nodeRules("node_offline", n))
          set(r, `node:${n}`, e.type === "node.offline" ? { nodeId: n, summary: `Node ${n} is offline`, details: e.data } : null);
        return groupCheck();
      case "node.enrolled":
      case "node.certificate_renewed":
        if (n && typeof e.data.cert_expires_at === "string") {
          certs.set(n, Date.parse(e.data.cert_expires_at));
          certsCheckedAt = 0;
        }
        return;
      case "node.deleted":
        if (!n) return;
        online.delete(n);
        certs.delete(n);
        containers.forgetNode(n);
        for (const r of rules)
          for (const s of [...(conditions.get(r.row.id)?.keys() ?? [])]) if (s === `node:${n}` || s.startsWith(`container:${n}/`)) set(r, s, null);
        return groupCheck();
      case "node.metrics":
        if (!n) return;
        for (const r of nodeRules("metric_threshold", n)) {
          const v = e.data[METRICS[r.params.metric!]!];
          if (typeof v !== "number") continue;
          set(
            r,
            `node:${n}`,
            v > r.params.threshold!
              ? {
                  nodeId: n,
                  summary: `${r.params.metric} at ${v.toFixed(3)} on node ${n}, above ${r.params.threshold}`,
                  details: { metric: r.params.metric, value: v, threshold: r.params.threshold },
                }
              : null,
          );
        }
        return;
      case "container.state": {
        if (!n) return;
        const c = containers.observe(n, e.data, Date.now());
        if (c) containerCheck(c);
        else for (const r of nodeRules("container_down", n)) set(r, `container:${n}/${String(e.data.name ?? e.data.container_id ?? "")}`, null);
        return;
      }
      case "finding.opened":
      case "finding.resolved": {
        const fp = String(e.data.fingerprint ?? "");
        for (const r of rules.filter(
          (x) => x.kind === "finding_opened" && x.row.enabled && (!n || selectorMatches(x.selector, d.labels.labelsOf(n))),
        )) {
          if (e.type === "finding.opened" && !severityAtLeast(String(e.data.severity ?? ""), r.params.min_severity!)) continue;
          set(
            r,
            `finding:${fp}`,
            e.type === "finding.opened"
              ? { nodeId: n ?? null, summary: `Finding ${String(e.data.title ?? fp)} (${String(e.data.severity)})`, details: e.data }
              : null,
          );
        }
        return;
      }
      case "scan.failed":
        for (const r of rules.filter((x) => x.kind === "scan_failed" && x.row.enabled))
          set(r, `scan:${String(e.data.scan_id)}`, { nodeId: null, summary: `Scan ${String(e.data.scan_id)} failed`, details: e.data });
        return;
      case "enrollment.rejected":
        rejections.push(Date.now());
        return;
      case "alert.acknowledged":
      case "alert.resolved": {
        // An operator's change made through another replica (this one's own are applied already).
        const a = [...open.values()].find((x) => x.id === e.data.alert_id);
        if (!a || typeof e.data.by !== "string") return;
        if (e.type === "alert.resolved") {
          open.delete(key(a.ruleId, a.subject));
          conditions.get(a.ruleId)?.delete(a.subject);
        } else open.set(key(a.ruleId, a.subject), { ...a, state: "acknowledged" });
        return gauge();
      }
    }
  };

  const tick = () => {
    const now = Date.now();
    for (const r of rules.filter((x) => x.kind === "enrollment_rejections" && x.row.enabled)) {
      const recent = rejections.filter((t) => now - t < r.params.window_seconds! * 1000).length;
      set(
        r,
        "fleet",
        recent >= r.params.count!
          ? { nodeId: null, summary: `${recent} enrollment rejections in ${r.params.window_seconds} s`, details: { count: recent } }
          : null,
      );
    }
    while (rejections.length && now - rejections[0]! > 86_400_000) rejections.shift();
    for (const c of containers.restarting()) containerCheck(c);
    if (now - certsCheckedAt >= 30_000) {
      certsCheckedAt = now;
      certCheck(now);
    }
    for (const r of rules) {
      if (!r.row.enabled) continue;
      for (const [subject, c] of conditions.get(r.row.id) ?? []) {
        if (now - c.since < r.row.forSeconds * 1000 || open.has(key(r.row.id, subject))) continue;
        open.set(key(r.row.id, subject), { state: "pending" } as Alert);
        // scan failures are one-shot: the alert stays until an operator resolves it.
        if (r.kind === "scan_failed") conditions.get(r.row.id)!.delete(subject);
        serial(() =>
          fire(r, subject, c).catch((err) => {
            open.delete(key(r.row.id, subject));
            throw err;
          }),
        );
      }
    }
    for (const a of open.values()) {
      const r = rules.find((x) => x.row.id === a.ruleId);
      if (!r || a.state !== "firing" || !r.row.repeatSeconds || !a.lastNotifiedAt || now - a.lastNotifiedAt.getTime() < r.row.repeatSeconds * 1000)
        continue;
      const last = a.lastNotifiedAt;
      a.lastNotifiedAt = new Date(now);
      serial(async () => {
        // The stamp is the claim: a repeat is sent by whoever moves it, once.
        if (!(await d.store.alerts.notified(a.id, last, a.lastNotifiedAt!))) {
          const fresh = await d.store.alerts.get(a.id);
          if (fresh && fresh.state !== "resolved") open.set(key(a.ruleId, a.subject), fresh);
          else open.delete(key(a.ruleId, a.subject));
          return gauge();
        }
        await tell(r, a, "Still firing");
      });
    }
  };

  return {
    /** load reads rules, silences and open alerts (at start and after every change). */
    async load() {
      rules = (await d.store.rules.all()).map((row) => ({
        row,
        kind: row.kind as RuleKind,
        params: JSON.parse(row.params) as RuleParams,
        selector: parseSelector(row.labels),
        channels: JSON.parse(row.channelIds) as string[],
      }));
      silences = await d.store.silences.active();
      certsCheckedAt = 0;
      for (const c of containers.all()) containerCheck(c);
      groupCheck();
      for (const a of await d.store.alerts.open()) if (!open.has(key(a.ruleId, a.subject))) open.set(key(a.ruleId, a.subject), a);
      for (const a of open.values()) {
        const r = rules.find((x) => x.row.id === a.ruleId);
        if (a.id && (!r || !r.row.enabled)) serial(() => resolve(r, a, r ? "rule disabled" : "rule removed"));
      }
      for (const id of [...conditions.keys()]) if (!rules.some((r) => r.row.id === id)) conditions.delete(id);
      gauge();
    },
    /** applied records an operator's change to an alert (acknowledge/resolve). */
    async applied(a: Alert, action: "acknowledged" | "resolved", by: string) {
      const r = rules.find((x) => x.row.id === a.ruleId);
      if (action === "resolved") {
        open.delete(key(a.ruleId, a.subject));
        conditions.get(a.ruleId)?.delete(a.subject);
      } else open.set(key(a.ruleId, a.subject), a);
      gauge();
      if (r) d.bus.publish(`alert.${action}`, { ...eventData(a, r), by }, a.nodeId ?? undefined);
    },
    async start() {
      certs = await d.store.nodes.certExpiries();
      // containers keep their state across a master restart without a new container.state event:
      // start from the last known states, so a container already stopped is seen (and a rule made later covers it)
      const now = Date.now();
      for (const c of await d.store.nodes.containers())
        containers.observe(c.nodeId, { name: c.name, state: c.state, status: c.status, restart_count: c.restartCount }, now);
      await this.load();
      unsubscribe = (d.feed ?? d.bus).subscribe(onEvent);
      timer = setInterval(tick, d.tickMs ?? 1_000);
      timer.unref();
    },
    async stop() {
      unsubscribe?.();
      if (timer) clearInterval(timer);
      await work;
    },
  };
}

/** Evaluator evaluates alert rules in memory. */
export type Evaluator = ReturnType<typeof createEvaluator>;
