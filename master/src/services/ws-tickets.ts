import { createHash, randomBytes } from "node:crypto";
import type { Principal } from "./principal.js";

/** WsTicketOptions tunes the ticket store. */
export interface WsTicketOptions {
  ttlMs: number;
  /** Upper bound on outstanding tickets; the oldest are dropped beyond it. */
  maxTickets: number;
  now: () => number;
}

const DEFAULTS: WsTicketOptions = { ttlMs: 30_000, maxTickets: 10_000, now: Date.now };

/** ticketKey is what the store keeps of a ticket: its SHA-256, so the ticket itself is never held or sent on. */
export const ticketKey = (ticket: string) => createHash("sha256").update(ticket).digest("base64url");

/**
 * createWsTicketService issues single-use, short-lived WebSocket tickets
 * (in memory) so browsers can authenticate the upgrade with `?ticket=`.
 */
export function createWsTicketService(opts: Partial<WsTicketOptions> = {}) {
  const o = { ...DEFAULTS, ...opts };
  const tickets = new Map<string, { principal: Principal; expiresAt: number }>();

  const sweep = () => {
    const now = o.now();
    for (const [k, v] of tickets) if (v.expiresAt <= now) tickets.delete(k);
    while (tickets.size >= o.maxTickets) {
      const oldest = tickets.keys().next();
      if (oldest.done) break;
      tickets.delete(oldest.value);
    }
  };

  return {
    /** issue returns a new ticket for `principal` and its expiry. */
    issue(principal: Principal): { ticket: string; expiresAt: Date } {
      sweep();
      const ticket = randomBytes(24).toString("base64url");
      const expiresAt = o.now() + o.ttlMs;
      tickets.set(ticketKey(ticket), { principal, expiresAt });
      return { ticket, expiresAt: new Date(expiresAt) };
    },

    /** adopt holds a ticket another master replica issued (by its {@link ticketKey}). */
    adopt(key: string, principal: Principal, expiresAt: number): void {
      if (expiresAt <= o.now()) return;
      sweep();
      tickets.set(key, { principal, expiresAt });
    },

    /** forget voids a ticket by its key (redeemed on another replica). */
    forget(key: string): void {
      tickets.delete(key);
    },

    /** redeem consumes a ticket; returns its principal, or null if unknown, used or expired. */
    redeem(ticket: string): Principal | null {
      const key = ticketKey(ticket);
      const t = tickets.get(key);
      if (!t) return null;
      tickets.delete(key);
      return t.expiresAt > o.now() ? t.principal : null;
    },

    /** drop voids every outstanding ticket whose principal `pred` selects (revoked credentials). */
    drop(pred: (p: Principal) => boolean): number {
      let n = 0;
      for (const [k, v] of tickets) if (pred(v.principal)) (tickets.delete(k), n++);
      return n;
    },

    /** size is the number of outstanding tickets. */
    size: () => tickets.size,
  };
}

/** WsTicketService is the ticket store's interface. */
export type WsTicketService = ReturnType<typeof createWsTicketService>;
