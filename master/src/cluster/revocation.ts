import type { LiveStreams, Revocation } from "../services/live-streams.js";
import type { ClusterBus } from "./nats.js";

const SUBJECT = "credentials.revoked";

const optString = (v: unknown) => (typeof v === "string" ? v : undefined);

/** revocationOf reads a revocation another replica published; null when it names no credential. */
function revocationOf(m: Record<string, unknown>): Revocation | null {
  const r: Revocation = { reason: optString(m.reason) ?? "revoked" };
  const userId = optString(m.user_id);
  const sessionId = optString(m.session_id);
  const apiKeyId = optString(m.api_key_id);
  const exceptSessionId = optString(m.except_session_id);
  if (userId !== undefined) r.userId = userId;
  if (sessionId !== undefined) r.sessionId = sessionId;
  if (apiKeyId !== undefined) r.apiKeyId = apiKeyId;
  if (exceptSessionId !== undefined) r.exceptSessionId = exceptSessionId;
  if (m.sessions_only === true) r.sessionsOnly = true;
  return r.userId !== undefined || r.sessionId !== undefined || r.apiKeyId !== undefined ? r : null;
}

/**
 * clusterRevocations makes a credential revocation (logout, password or role
 * change, user or API key deletion, a reused refresh token) reach every
 * replica at once: the revoking replica closes its own streams and publishes
 * the revocation; each other replica closes the matching feeds and log
 * follows it holds, and voids their tickets, when the message arrives. The
 * database already refuses the credential on every replica's next request.
 */
export function clusterRevocations(local: LiveStreams, bus: ClusterBus): LiveStreams {
  bus.subscribe(SUBJECT, (m) => {
    const r = revocationOf(m);
    if (r) local.revoke(r);
  });
  return {
    ...local,
    revoke(r) {
      const closed = local.revoke(r);
      bus.publish(SUBJECT, {
        reason: r.reason,
        ...(r.userId !== undefined ? { user_id: r.userId } : {}),
        ...(r.sessionId !== undefined ? { session_id: r.sessionId } : {}),
        ...(r.apiKeyId !== undefined ? { api_key_id: r.apiKeyId } : {}),
        ...(r.exceptSessionId !== undefined ? { except_session_id: r.exceptSessionId } : {}),
        ...(r.sessionsOnly ? { sessions_only: true } : {}),
      });
      return closed;
    },
  };
}
