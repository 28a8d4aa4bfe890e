import { createTransport, type Transporter } from "nodemailer";
import { FlotillaError } from "@flotilla/shared";
import { postJson } from "../webhooks/sender.js";
import type { AllowList } from "../webhooks/ssrf.js";

/** Message is one notification, rendered by each channel kind in its own format. */
export interface Message {
  title: string;
  text: string;
  /** Link back to the UI page of the thing. */
  link: string;
  severity?: string;
  /** Machine-readable payload for `webhook` channels. */
  data: Record<string, unknown>;
}

/** ChannelConfig is a channel's settings: `to` for email, `url` for the others. */
export interface ChannelConfig {
  to?: string[];
  url?: string;
}

/** SenderOptions are the master-wide settings senders need. */
export interface SenderOptions {
  allow: AllowList;
  smtpUrl?: string;
  smtpFrom: string;
  smtpRequireTls: boolean;
  timeoutMs: number;
}

/**
 * createSenders returns `send(kind, config, message)`: email over SMTP
 * (nodemailer; STARTTLS when offered, required with smtpRequireTls), Slack
 * incoming-webhook JSON (also taken by Mattermost and Rocket.Chat), Discord
 * webhook JSON, or a plain JSON POST. HTTP sends go through the webhook
 * address guard. Failures throw `unavailable` with the reason.
 */
export function createSenders(o: SenderOptions) {
  let mailer: Transporter | null = null;
  const post = async (url: string, body: unknown) => {
    const r = await postJson(url, { "content-type": "application/json", "user-agent": "Flotilla-Notify/1" }, JSON.stringify(body), {
      allow: o.allow,
      timeoutMs: o.timeoutMs,
    });
    if (r.statusCode === null || r.statusCode < 200 || r.statusCode >= 300) {
      throw new FlotillaError("unavailable", `channel endpoint answered ${r.error ?? `HTTP ${r.statusCode}`}`);
    }
  };
  return {
    async send(kind: string, config: ChannelConfig, m: Message): Promise<void> {
      const line = `${m.title}: ${m.text}`;
      switch (kind) {
        case "email": {
          if (!o.smtpUrl) throw new FlotillaError("unavailable", "no SMTP server configured (FLOTILLA_SMTP_URL)");
          mailer ??= createTransport({
            ...smtpTarget(o.smtpUrl),
            requireTLS: o.smtpRequireTls,
            connectionTimeout: o.timeoutMs,
            greetingTimeout: o.timeoutMs,
            socketTimeout: o.timeoutMs,
          });
          try {
            await mailer.sendMail({
              from: o.smtpFrom,
              to: config.to ?? [],
              subject: `[Flotilla] ${m.title}`,
              text: `${m.text}\n\n${m.link}\n`,
              html: `<p>${esc(m.text)}</p><p><a href="${esc(m.link)}">${esc(m.link)}</a></p>`,
            });
          } catch (err) {
            throw new FlotillaError("unavailable", `SMTP send failed: ${err instanceof Error ? err.message : String(err)}`);
          }
          return;
        }
        case "slack":
          return post(config.url!, { text: `${line} <${m.link}|Open in Flotilla>` });
        case "discord":
          return post(config.url!, { content: `**${m.title}**\n${m.text}\n${m.link}` });
        default:
          return post(config.url!, { title: m.title, text: m.text, link: m.link, severity: m.severity ?? null, ...m.data });
      }
    },
    close() {
      mailer?.close();
    },
  };
}

/**
 * smtpTarget turns `smtp[s]://[user:pass@]host[:port]` into transport options.
 * (A URL string handed to nodemailer takes no further options: the second
 * argument of createTransport is message defaults, so `requireTLS` and the
 * timeouts would be silently dropped.)
 */
function smtpTarget(raw: string) {
  const u = new URL(raw);
  const secure = u.protocol === "smtps:";
  return {
    host: u.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
  };
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** Senders delivers messages to channels. */
export type Senders = ReturnType<typeof createSenders>;
