import { errors, parseLabels } from "@flotilla/shared";
import type { FleetEvent } from "../events/types.js";
import { newId } from "../ids.js";
import { decodeIdCursor, toPage } from "../services/paging.js";
import { checkEventGlobs } from "./event-globs.js";
import { checkSecret, generateSecret, type SecretBox } from "./secret.js";
import { checkOutboundUrl, type AllowList } from "./ssrf.js";
import { deliveryView, webhookView } from "./views.js";
import type { WebhookStore } from "./webhook-store.js";

/** WebhookInput is a create or update body after schema validation. */
export interface WebhookInput {
  name?: string;
  url?: string;
  event_types?: string[];
  labels?: string | null;
  enabled?: boolean;
  secret?: string;
}

/** ROTATION_OVERLAP_MS is how long a rotated-out secret keeps signing. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

/** checkSelector validates a `k=v,…` label selector under `field`; returns the normalised text. */
export function checkSelector(raw: string | null | undefined, field = "labels"): string | null {
  if (raw === undefined || raw === null || raw.trim() === "") return null;
  try {
    const l = parseLabels(raw);
    return Object.entries(l)
      .map(([k, v]) => `${k}=${v}`)
      .join(",");
  } catch (err) {
    throw errors.invalid("invalid label selector", [{ field, message: err instanceof Error ? err.message : "expected k=v,k2=v2" }]);
  }
}

/**
 * createWebhookService is the webhooks API: CRUD, the delivery log, test
 * sends, redelivery and secret rotation. `changed` is called after every
 * change so the dispatcher and runner pick it up; `enqueueNow` queues one
 * delivery at once.
 */
export function createWebhookService(deps: {
  store: WebhookStore;
  box: SecretBox;
  allow: AllowList;
  changed: () => Promise<void>;
  enqueueNow: (webhookId: string, e: FleetEvent) => Promise<string>;
}) {
  const { store, box } = deps;
  const row = async (id: string) => {
    const w = await store.get(id);
    if (!w) throw errors.notFound("webhook");
    return w;
  };
  return {
    async list(limit: number, cursor?: string) {
      return toPage(await store.list(limit, decodeIdCursor(cursor)), limit, (r) => [r.id], webhookView);
    },
    get: async (id: string) => webhookView(await row(id)),

    async create(b: Required<Pick<WebhookInput, "name" | "url" | "event_types">> & WebhookInput) {
      await checkOutboundUrl(deps.allow, b.url, "url");
      checkEventGlobs(b.event_types);
      const labels = checkSelector(b.labels);
      if (b.secret !== undefined) checkSecret(b.secret);
      const secret = b.secret ?? generateSecret();
      const w = await store.create({
        id: newId("whk"),
        name: b.name,
        url: b.url,
        eventTypes: JSON.stringify(b.event_types),
        labels,
        enabled: b.enabled ?? true,
        secretEnc: box.seal(secret),
      });
      await deps.changed();
      return { ...webhookView(w), secret };
    },

    async update(id: string, b: WebhookInput) {
      const before = await row(id);
      if (b.url !== undefined) await checkOutboundUrl(deps.allow, b.url, "url");
      if (b.event_types !== undefined) checkEventGlobs(b.event_types);
      const labels = b.labels === undefined ? undefined : checkSelector(b.labels);
      const reenabled = b.enabled === true && !before.enabled;
      const w = await store.update(id, {
        ...(b.name !== undefined ? { name: b.name } : {}),
        ...(b.url !== undefined ? { url: b.url } : {}),
        ...(b.event_types !== undefined ? { eventTypes: JSON.stringify(b.event_types) } : {}),
        ...(labels !== undefined ? { labels } : {}),
        ...(b.enabled !== undefined ? { enabled: b.enabled } : {}),
        ...(reenabled ? { failingSince: null, disabledReason: null } : {}),
      });
      await deps.changed();
      return webhookView(w);
    },

    async remove(id: string) {
      const { count } = await store.remove(id);
      if (!count) throw errors.notFound("webhook");
      await deps.changed();
      return { deleted: true };
    },

    async deliveries(id: string, limit: number, cursor?: string) {
      await row(id);
      return toPage(await store.listDeliveries(id, limit, decodeIdCursor(cursor)), limit, (d) => [d.id], deliveryView);
    },

    async test(id: string) {
      const w = await row(id);
      const e: FleetEvent = {
        id: newId("evt"),
        type: "webhook.test",
        ts: new Date().toISOString(),
        data: { webhook_id: w.id, webhook_name: w.name, message: "Test delivery from Flotilla" },
      };
      return { delivery_id: await deps.enqueueNow(w.id, e) };
    },

    async redeliver(id: string, deliveryId: string) {
      await row(id);
      const d = await store.getDelivery(id, deliveryId);
      if (!d) throw errors.notFound("delivery");
      const e = JSON.parse(d.payload) as FleetEvent;
      return { delivery_id: await deps.enqueueNow(id, e) };
    },

    async rotateSecret(id: string, secret?: string) {
      const w = await row(id);
      if (secret !== undefined) checkSecret(secret);
      const next = secret ?? generateSecret();
      const until = new Date(Date.now() + ROTATION_OVERLAP_MS);
      const updated = await store.update(id, { secretEnc: box.seal(next), prevSecretEnc: w.secretEnc, prevSecretUntil: until });
      await deps.changed();
      return { ...webhookView(updated), secret: next };
    },
  };
}

/** WebhookService is the webhooks API used by the routes. */
export type WebhookService = ReturnType<typeof createWebhookService>;
