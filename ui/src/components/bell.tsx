/**
 * Bell shows the signed-in user's unread notification count in the header;
 * it opens the newest notifications, each linking to its page, and marks
 * them read.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { api, describeError } from "../api.js";
import type { AppNotification } from "../automation-types.js";
import { ago } from "../lib/format.js";
import { reconnects } from "../lib/live.js";
import { route } from "../lib/router.js";
import { useLiveEvent } from "../lib/use-live.js";
import type { Page } from "../types.js";

/** POLL_MS re-reads the count now and then, for notifications no live event announces. */
const POLL_MS = 30_000;

/** Bell is the notifications button of the header. */
export function Bell() {
  const [count, setCount] = useState(0);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<AppNotification[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const refresh = () =>
    void api
      .get<{ count: number }>("/notifications/unread-count")
      .then((r) => setCount(Number(r.count) || 0))
      .catch(() => undefined);
  const load = () =>
    void api
      .get<Page<AppNotification>>("/notifications", { limit: 10 })
      .then((p) => (setItems(p.items ?? []), setError(null)))
      .catch((err) => setError(describeError(err)));
  useEffect(() => {
    refresh();
    const t = setInterval(refresh, POLL_MS);
    return () => clearInterval(t);
  }, [reconnects.value]);
  // The notification rows are written just after the event: read again a moment later too.
  useLiveEvent(["alert.*", "scan.completed", "scan.failed"], () => {
    refresh();
    setTimeout(refresh, 1000);
    if (open) load();
  });
  useEffect(() => setOpen(false), [route.value.path]);
  useEffect(() => {
    if (!open) return;
    load();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    const onClick = (e: MouseEvent) => box.current && !box.current.contains(e.target as Node) && setOpen(false);
    addEventListener("keydown", onKey);
    addEventListener("mousedown", onClick);
    return () => {
      removeEventListener("keydown", onKey);
      removeEventListener("mousedown", onClick);
    };
  }, [open]);

  const read = async (n: AppNotification) => {
    if (n.read) return;
    await api.post(`/notifications/${encodeURIComponent(n.id)}/read`).catch(() => undefined);
    refresh();
  };
  const readAll = async () => {
    await api.post("/notifications/read-all").catch((err) => setError(describeError(err)));
    setItems((xs) => xs && xs.map((x) => ({ ...x, read: true })));
    refresh();
  };
  return (
    <div class="bell" ref={box}>
      <button
        type="button"
        class="btn btn-plain"
        aria-expanded={open}
        aria-label={`Notifications, ${count} unread`}
        data-testid="bell"
        onClick={() => setOpen(!open)}
      >
        <svg
          width="16"
          height="16"
          viewBox="0 0 24 24"
          aria-hidden="true"
          fill="none"
          stroke="currentColor"
          stroke-width="2"
          stroke-linecap="round"
          stroke-linejoin="round"
        >
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>{" "}
        {count > 0 && (
          <span class="bell-count" data-testid="bell-count">
            {count > 99 ? "99+" : count}
          </span>
        )}
      </button>
      {open && (
        <div class="bell-panel" role="region" aria-label="Notifications">
          <div class="row">
            <strong>Notifications</strong>
            <span class="spacer" />
            {count > 0 && (
              <button type="button" class="link" onClick={() => void readAll()}>
                Mark all read
              </button>
            )}
          </div>
          {error && <p class="error">{error}</p>}
          {items?.length === 0 && <p class="muted">No notifications yet.</p>}
          <ul>
            {(items ?? []).map((n) => (
              <li key={n.id} class={n.read ? "read" : "unread"}>
                <a href={n.link ? `#${n.link}` : "#/alerts"} onClick={() => void read(n)}>
                  {n.title}
                </a>
                <div class="muted small">
                  {ago(n.created_at)}
                  {!n.read && " · unread"}
                </div>
              </li>
            ))}
          </ul>
          <a href="#/alerts">All alerts</a>
        </div>
      )}
    </div>
  );
}
