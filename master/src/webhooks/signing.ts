import { createHmac } from "node:crypto";
import { secretKeyBytes } from "./secret.js";

/**
 * signatureHeader returns the Standard Webhooks `webhook-signature` value:
 * one `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` per secret, space
 * separated (two while a rotated secret is still valid).
 */
export function signatureHeader(secrets: string[], msgId: string, timestampSec: number, body: string): string {
  const content = `${msgId}.${timestampSec}.${body}`;
  return secrets.map((s) => `v1,${createHmac("sha256", secretKeyBytes(s)).update(content).digest("base64")}`).join(" ");
}

/** signedHeaders returns the three Standard Webhooks headers plus content type and user agent. */
export function signedHeaders(secrets: string[], msgId: string, body: string, now = Date.now()): Record<string, string> {
  const ts = Math.floor(now / 1000);
  return {
    "content-type": "application/json",
    "user-agent": "Flotilla-Webhooks/1",
    "webhook-id": msgId,
    "webhook-timestamp": String(ts),
    "webhook-signature": signatureHeader(secrets, msgId, ts, body),
  };
}
