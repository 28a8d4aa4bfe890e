/**
 * Nav is the side navigation; pages a role may not use are hidden from it.
 */
import { route } from "../lib/router.js";
import { isAdmin, isOperator } from "../lib/session.js";

const LINKS: { path: string; label: string; admin?: boolean; operator?: boolean }[] = [
  { path: "/", label: "Overview" },
  { path: "/nodes", label: "Nodes" },
  { path: "/containers", label: "Containers" },
  { path: "/scans", label: "Scans" },
  { path: "/findings", label: "Findings" },
  { path: "/schedules", label: "Schedules", operator: true },
  { path: "/events", label: "Events" },
  { path: "/enrollment", label: "Enrollment", admin: true },
  { path: "/users", label: "Users", admin: true },
  { path: "/api-keys", label: "API keys" },
];

/** Nav renders the page links, marking the current one. */
export function Nav() {
  const first = `/${route.value.parts[0] ?? ""}`;
  return (
    <nav class="nav" aria-label="Main">
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
