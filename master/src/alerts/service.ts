import { errors } from "@flotilla/shared";
import { newId } from "../ids.js";
import { decodeIdCursor, toPage } from "../services/paging.js";
import { checkSelector } from "../webhooks/service.js";
import type { Alert, AlertRule, AlertStore, Notification, Silence } from "./alert-store.js";
import type { Evaluator } from "./evaluator.js";
import { checkParams, type RuleKind, type Severity } from "./rules.js";

/** RuleInput is a rule create or update body after schema validation. */
export interface RuleInput {
  name?: string;
  kind?: RuleKind;
  severity?: Severity;
  for_seconds?: number;
  labels?: string | null;
  params?: Record<string, unknown>;
  channel_ids?: string[];
  repeat_seconds?: number;
  enabled?: boolean;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const ruleView = (r: AlertRule) => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  severity: r.severity,
  for_seconds: r.forSeconds,
  labels: r.labels,
  params: JSON.parse(r.params) as object,
  channel_ids: JSON.parse(r.channelIds) as string[],
  repeat_seconds: r.repeatSeconds,
  enabled: r.enabled,
  builtin: r.builtin !== null,
  created_at: iso(r.createdAt),
  updated_at: iso(r.updatedAt),
});
const alertView = (a: Alert) => ({
  id: a.id,
  rule_id: a.ruleId,
  subject: a.subject,
  node_id: a.nodeId,
  severity: a.severity,
  state: a.state,
  summary: a.summary,
  details: JSON.parse(a.details) as object,
  fired_at: iso(a.firedAt),
  acknowledged_at: iso(a.acknowledgedAt),
  acknowledged_by: a.acknowledgedBy,
  resolved_at: iso(a.resolvedAt),
  resolved_by: a.resolvedBy,
  last_notified_at: iso(a.lastNotifiedAt),
});
const silenceView = (s: Silence) => ({
  id: s.id,
  rule_id: s.ruleId,
  labels: s.labels,
  comment: s.comment,
  created_by: s.createdBy,
  starts_at: iso(s.startsAt),
  ends_at: iso(s.endsAt),
  active: s.endsAt > new Date(),
});
const notificationView = (n: Notification) => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  link: n.link,
  read: n.readAt !== null,
  read_at: iso(n.readAt),
  created_at: iso(n.createdAt),
});

/** createAlertService is the alerts API: rules, alert instances, silences and in-app notifications. */
export function createAlertService(deps: {
  store: AlertStore;
  evaluator: Pick<Evaluator, "load" | "applied">;
  channelExists: (ids: string[]) => Promise<string[]>;
}) {
  const { store, evaluator } = deps;
  const rule = async (id: string) => (await store.rules.get(id)) ?? Promise.reject(errors.notFound("alert rule"));
  const alert = async (id: string) => (await store.alerts.get(id)) ?? Promise.reject(errors.notFound("alert"));
  const checkChannels = async (ids: string[]) => {
    const known = new Set(await deps.channelExists(ids));
    const missing = ids.map((id, i) => ({ id, i })).filter((x) => !known.has(x.id));
    if (missing.length)
      throw errors.invalid(
        "unknown notification channel",
        missing.map((m) => ({ field: `channel_ids.${m.i}`, message: `no channel "${m.id}"` })),
      );
  };
  return {
    rules: {
      list: async (limit: number, cursor?: string) => toPage(await store.rules.list(limit, decodeIdCursor(cursor)), limit, (r) => [r.id], ruleView),
      get: async (id: string) => ruleView(await rule(id)),
      async create(b: Required<Pick<RuleInput, "name" | "kind" | "severity" | "for_seconds">> & RuleInput) {
        const params = checkParams(b.kind, b.params ?? {});
        const labels = checkSelector(b.labels);
        await checkChannels(b.channel_ids ?? []);
        const r = await store.rules.create({
          id: newId("alr"),
          name: b.name,
          kind: b.kind,
          severity: b.severity,
          forSeconds: b.for_seconds,
          labels,
          params: JSON.stringify(params),
          channelIds: JSON.stringify(b.channel_ids ?? []),
          repeatSeconds: b.repeat_seconds ?? 0,
          enabled: b.enabled ?? true,
        });
        await evaluator.load();
        return ruleView(r);
      },
      async update(id: string, b: RuleInput) {
        const before = await rule(id);
        const kind = (b.kind ?? before.kind) as RuleKind;
        const params =
          b.params !== undefined || b.kind !== undefined
            ? checkParams(kind, b.params ?? (b.kind ? {} : (JSON.parse(before.params) as Record<string, unknown>)))
            : undefined;
        if (b.channel_ids) await checkChannels(b.channel_ids);
        const r = await store.rules.update(id, {
          ...(b.name !== undefined ? { name: b.name } : {}),
          ...(b.kind !== undefined ? { kind } : {}),
          ...(b.severity !== undefined ? { severity: b.severity } : {}),
          ...(b.for_seconds !== undefined ? { forSeconds: b.for_seconds } : {}),
          ...(b.labels !== undefined ? { labels: checkSelector(b.labels) } : {}),
          ...(params ? { params: JSON.stringify(params) } : {}),
          ...(b.channel_ids ? { channelIds: JSON.stringify(b.channel_ids) } : {}),
          ...(b.repeat_seconds !== undefined ? { repeatSeconds: b.repeat_seconds } : {}),
          ...(b.enabled !== undefined ? { enabled: b.enabled } : {}),
        });
        await evaluator.load();
        return ruleView(r);
      },
      async remove(id: string) {
        const { count } = await store.rules.remove(id);
        if (!count) throw errors.notFound("alert rule");
        await store.alerts.resolveRule(id);
        await evaluator.load();
        return { deleted: true };
      },
    },
    alerts: {
      async list(q: { state?: string; severity?: string; node_id?: string; rule_id?: string; limit: number; cursor?: string }) {
        const where = {
          ...(q.state ? { state: q.state } : {}),
          ...(q.severity ? { severity: q.severity } : {}),
          ...(q.node_id ? { nodeId: q.node_id } : {}),
          ...(q.rule_id ? { ruleId: q.rule_id } : {}),
        };
        return toPage(await store.alerts.list(where, q.limit, decodeIdCursor(q.cursor)), q.limit, (a) => [a.id], alertView);
      },
      async acknowledge(id: string, by: string) {
        const a = await alert(id);
        if (a.state !== "firing") throw errors.conflict(`alert is ${a.state}, only a firing alert can be acknowledged`);
        const u = await store.alerts.transition(id, ["firing"], { state: "acknowledged", acknowledgedAt: new Date(), acknowledgedBy: by });
        if (!u) throw errors.conflict("alert changed meanwhile, only a firing alert can be acknowledged");
        await evaluator.applied(u, "acknowledged", by);
        return alertView(u);
      },
      async resolve(id: string, by: string) {
        const a = await alert(id);
        if (a.state === "resolved") throw errors.conflict("alert is already resolved");
        const u = await store.alerts.transition(id, ["firing", "acknowledged"], { state: "resolved", resolvedAt: new Date(), resolvedBy: by });
        if (!u) throw errors.conflict("alert is already resolved");
        await evaluator.applied(u, "resolved", by);
        return alertView(u);
      },
    },
    silences: {
      list: async (limit: number, cursor?: string) =>
        toPage(await store.silences.list(limit, decodeIdCursor(cursor)), limit, (s) => [s.id], silenceView),
      async create(b: { rule_id?: string; labels?: string; ends_at: string; comment?: string }, by: string | null) {
        const endsAt = new Date(b.ends_at);
        if (Number.isNaN(endsAt.getTime()) || endsAt <= new Date())
          throw errors.invalid("invalid silence", [{ field: "ends_at", message: "an RFC 3339 time in the future" }]);
        if (!b.rule_id && !b.labels) throw errors.invalid("invalid silence", [{ field: "rule_id", message: "give rule_id, labels or both" }]);
        if (b.rule_id)
          await rule(b.rule_id).catch(() =>
            Promise.reject(errors.invalid("unknown alert rule", [{ field: "rule_id", message: `no rule "${b.rule_id}"` }])),
          );
        const s = await store.silences.create({
          id: newId("sil"),
          ruleId: b.rule_id ?? null,
          labels: checkSelector(b.labels),
          comment: b.comment ?? null,
          createdBy: by,
          endsAt,
        });
        await evaluator.load();
        return silenceView(s);
      },
      async remove(id: string) {
        const { count } = await store.silences.remove(id);
        if (!count) throw errors.notFound("silence");
        await evaluator.load();
        return { deleted: true };
      },
    },
    notifications: {
      list: async (userId: string, limit: number, cursor?: string, unread?: boolean) =>
        toPage(await store.notifications.list(userId, limit, decodeIdCursor(cursor), unread), limit, (n) => [n.id], notificationView),
      unreadCount: async (userId: string) => ({ count: await store.notifications.unread(userId) }),
      async read(userId: string, id: string) {
        const { count } = await store.notifications.read(userId, id);
        if (!count) throw errors.notFound("notification");
        return { read: true };
      },
      readAll: async (userId: string) => ({ marked: (await store.notifications.readAll(userId)).count }),
    },
  };
}

/** AlertService is the alerts API used by the routes. */
export type AlertService = ReturnType<typeof createAlertService>;
