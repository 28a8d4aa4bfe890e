/**
 * Live feed: one WebSocket to /api/v1/ws (cookie auth). Keeps the last id,
 * reconnects with exponential backoff and jitter, replaying with ?since=.
 * Pages subscribe with onEvent; the last events are kept in `recent`.
 */
import { signal } from "@preact/signals";
import type { FleetEvent } from "../types.js";

/** LiveState is the connection state shown in the header. */
export type LiveState = "connecting" | "live" | "offline";

/** liveState is the feed's connection state. */
export const liveState = signal<LiveState>("offline");
/** stale is true once the feed was live and then lost: what is shown may be out of date. */
export const stale = signal(false);
/** reconnects counts reconnections after a loss; data hooks reload when it changes. */
export const reconnects = signal(0);
/** RECONNECT_MAX_MS caps the reconnect backoff, so the UI is back within seconds of the master. */
export const RECONNECT_MAX_MS = 3000;
/** recent holds the newest events, newest first. */
export const recent = signal<FleetEvent[]>([]);

type Listener = (e: FleetEvent) => void;
const listeners = new Set<Listener>();
let ws: WebSocket | null = null;
let lastId = "";
let attempt = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let wanted = false;
const RECENT_MAX = 200;

/** onEvent registers a listener for every event; returns the unsubscribe function. */
export function onEvent(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** matches reports whether an event type matches a pattern like "node.*". */
export function matches(type: string, pattern: string): boolean {
  return pattern.endsWith(".*") ? type.startsWith(pattern.slice(0, -1)) : type === pattern;
}

function deliver(e: FleetEvent): void {
  if (e.id && lastId && e.id <= lastId) return;
  if (e.id) lastId = e.id;
  if (e.type !== "node.metrics") recent.value = [e, ...recent.value].slice(0, RECENT_MAX);
  for (const fn of listeners) {
    try {
      fn(e);
    } catch (err) {
      console.warn("live listener failed", err);
    }
  }
}

function open(): void {
  if (!wanted) return;
  liveState.value = "connecting";
  const proto = location.protocol === "https:" ? "wss:" : "ws:";
  const q = lastId ? `?since=${encodeURIComponent(lastId)}` : "";
  const sock = new WebSocket(`${proto}//${location.host}/api/v1/ws${q}`);
  ws = sock;
  sock.onopen = () => {
    attempt = 0;
    liveState.value = "live";
    // Liveness and lists may have changed unseen (a restarted master sends no events for that): reload.
    if (stale.value) reconnects.value++;
    stale.value = false;
  };
  sock.onmessage = (m) => {
    if (typeof m.data !== "string") return;
    try {
      const e = JSON.parse(m.data) as FleetEvent;
      if (e && typeof e.type === "string") deliver(e);
    } catch {
      /* not an event: ignore */
    }
  };
  sock.onclose = () => {
    if (ws !== sock) return;
    ws = null;
    liveState.value = "offline";
    if (!wanted) return;
    stale.value = true;
    const delay = Math.min(RECONNECT_MAX_MS, 250 * 2 ** attempt++) * (0.5 + Math.random() / 2);
    timer = setTimeout(open, delay);
  };
}

/** startLive opens the feed (idempotent). */
export function startLive(): void {
  if (wanted) return;
  wanted = true;
  attempt = 0;
  open();
}

/** stopLive closes the feed (on logout). */
export function stopLive(): void {
  wanted = false;
  clearTimeout(timer);
  const s = ws;
  ws = null;
  s?.close();
  liveState.value = "offline";
  stale.value = false;
}
