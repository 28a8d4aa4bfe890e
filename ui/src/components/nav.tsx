/**
 * Nav is the side navigation; pages a role may not use are hidden from it.
 */
import { useEffect, useState } from "preact/hooks";
import { route } from "../lib/router.js";
import { isAdmin, isOperator } from "../lib/session.js";

const LINKS: { path: string; label: string; admin?: boolean; operator?: boolean }[] = [
  { path: "/", label: "Overview" },
  { path: "/nodes", label: "Nodes" },
  { path: "/containers", label: "Containers" },
  { path: "/scans", label: "Scans" },
  { path: "/findings", label: "Findings" },
  { path: "/alerts", label: "Alerts" },
  { path: "/alert-rules", label: "Alert rules" },
  { path: "/silences", label: "Silences" },
  { path: "/schedules", label: "Schedules", operator: true },
  { path: "/events", label: "Events" },
  { path: "/webhooks", label: "Webhooks", admin: true },
  { path: "/channels", label: "Channels", admin: true },
  { path: "/enrollment", label: "Enrollment", admin: true },
  { path: "/users", label: "Users", admin: true },
  { path: "/audit", label: "Audit log", admin: true },
  { path: "/api-keys", label: "API keys" },
];

/** pageLabel names the page of a path's first part ("Overview" for the root). */
export function pageLabel(first: string): string | undefined {
  // Links in notifications point at /settings/channels.
  if (first === "/settings") return "Channels";
  return LINKS.find((l) => l.path === first)?.label;
}

/** Nav renders the page links, marking the current one; on a phone they fold behind a Menu button. */
export function Nav() {
  const first = route.value.parts[0] === "settings" ? "/channels" : `/${route.value.parts[0] ?? ""}`;
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [route.value.path]);
  return (
    <nav class={open ? "nav nav-open" : "nav"} aria-label="Main">
      <button type="button" class="btn btn-plain nav-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        Menu
      </button>
      <ul>
        {LINKS.filter((l) => (!l.admin || isAdmin.value) && (!l.operator || isOperator.value)).map((l) => (
          <li key={l.path}>
            <a href={`#${l.path}`} aria-current={first === l.path ? "page" : undefined}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
