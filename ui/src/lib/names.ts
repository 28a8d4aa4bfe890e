/**
 * Display names of nodes and alert rules for pages that only hold their ids,
 * fetched once per id and cached for the session.
 */
import { signal } from "@preact/signals";
import { api } from "../api.js";

const names = signal<Record<string, string>>({});
const asked = new Set<string>();

function ask(key: string, path: string, pick: (x: Record<string, unknown>) => unknown): void {
  if (asked.has(key)) return;
  asked.add(key);
  api
    .get<Record<string, unknown>>(path)
    .then((x) => {
      const n = pick(x);
      if (typeof n === "string" && n) names.value = { ...names.value, [key]: n };
    })
    .catch(() => undefined);
}

/** nodeName is a node's display name, or its id until the name is known. */
export function nodeName(id: string): string {
  ask(`n:${id}`, `/nodes/${encodeURIComponent(id)}`, (n) => n.name || n.hostname);
  return names.value[`n:${id}`] ?? id;
}

/** ruleName is an alert rule's name, or its id until the name is known. */
export function ruleName(id: string): string {
  ask(`r:${id}`, `/alert-rules/${encodeURIComponent(id)}`, (r) => r.name);
  return names.value[`r:${id}`] ?? id;
}
