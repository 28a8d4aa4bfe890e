import { errors, type FieldViolation } from "@flotilla/shared";
import { newId } from "../ids.js";
import { decodeIdCursor, toPage } from "../services/paging.js";
import { checkOutboundUrl, type AllowList } from "../webhooks/ssrf.js";
import type { ChannelStore, NotificationChannel } from "./channel-store.js";
import type { ChannelConfig, Message, Senders } from "./senders.js";

/** CHANNEL_KINDS are the notification channel kinds. */
export const CHANNEL_KINDS = ["email", "slack", "discord", "webhook"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** ChannelInput is a create or update body after schema validation. */
export interface ChannelInput {
  name?: string;
  kind?: ChannelKind;
  config?: ChannelConfig;
}

function channelView(c: NotificationChannel) {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    config: JSON.parse(c.config) as ChannelConfig,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  };
}

async function checkConfig(allow: AllowList, kind: string, config: ChannelConfig): Promise<ChannelConfig> {
  if (kind === "email") {
    const to = config.to ?? [];
    const bad: FieldViolation[] = [];
    if (!to.length) bad.push({ field: "config.to", message: "give at least one recipient address" });
    to.forEach((a, i) => {
      if (!/^[^\s@<>,]+@[^\s@<>,]+\.?[^\s@<>,]*$/.test(a)) bad.push({ field: `config.to.${i}`, message: `"${a}" is not an email address` });
    });
    if (config.url !== undefined) bad.push({ field: "config.url", message: "email channels take config.to, not a URL" });
    if (bad.length) throw errors.invalid("invalid email channel", bad);
    return { to };
  }
  if (!config.url) throw errors.invalid("invalid channel", [{ field: "config.url", message: `${kind} channels need config.url` }]);
  if (config.to !== undefined) throw errors.invalid("invalid channel", [{ field: "config.to", message: `${kind} channels take config.url only` }]);
  await checkOutboundUrl(allow, config.url, "config.url");
  return { url: config.url };
}

/** createChannelService manages notification channels and sends through them. */
export function createChannelService(deps: { store: ChannelStore; senders: Senders; allow: AllowList; uiLink: (path: string) => string }) {
  const { store } = deps;
  const row = async (id: string) => {
    const c = await store.get(id);
    if (!c) throw errors.notFound("notification channel");
    return c;
  };
  const send = (c: NotificationChannel, m: Message) => deps.senders.send(c.kind, JSON.parse(c.config) as ChannelConfig, m);
  return {
    async list(limit: number, cursor?: string) {
      return toPage(await store.list(limit, decodeIdCursor(cursor)), limit, (r) => [r.id], channelView);
    },
    get: async (id: string) => channelView(await row(id)),
    async create(b: Required<ChannelInput>) {
      const config = await checkConfig(deps.allow, b.kind, b.config);
      return channelView(await store.create({ id: newId("chn"), name: b.name, kind: b.kind, config: JSON.stringify(config) }));
    },
    async update(id: string, b: ChannelInput) {
      const c = await row(id);
      const kind = b.kind ?? c.kind;
      const config = b.config || b.kind ? await checkConfig(deps.allow, kind, b.config ?? (JSON.parse(c.config) as ChannelConfig)) : undefined;
      return channelView(
        await store.update(id, {
          ...(b.name ? { name: b.name } : {}),
          ...(b.kind ? { kind } : {}),
          ...(config ? { config: JSON.stringify(config) } : {}),
        }),
      );
    },
    async remove(id: string) {
      const { count } = await store.remove(id);
      if (!count) throw errors.notFound("notification channel");
      return { deleted: true };
    },
    /** test sends a test message now; answers {ok: true} or throws unavailable with the reason. */
    async test(id: string) {
      const c = await row(id);
      await send(c, {
        title: "Test notification",
        text: `Channel "${c.name}" works.`,
        link: deps.uiLink("/settings/channels"),
        data: { type: "channel.test", channel_id: c.id },
      });
      return { ok: true };
    },
    /** notify sends a message to every listed channel; failures are returned, not thrown. */
    async notify(ids: string[], m: Message): Promise<Array<{ channel_id: string; error: string }>> {
      if (!ids.length) return [];
      const failures: Array<{ channel_id: string; error: string }> = [];
      await Promise.all(
        (await store.many(ids)).map((c) => send(c, m).catch((err: Error) => failures.push({ channel_id: c.id, error: err.message }))),
      );
      return failures;
    },
  };
}

/** ChannelService is the notification channels API. */
export type ChannelService = ReturnType<typeof createChannelService>;
