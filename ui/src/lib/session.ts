/**
 * Session state: the signed-in user and role checks for the shell and pages.
 */
import { computed, signal } from "@preact/signals";
import { ApiError, csrfToken, request } from "../api.js";
import type { Me, Role } from "../types.js";

/** me is the signed-in user; null when signed out, undefined while loading. */
export const me = signal<Me | null | undefined>(undefined);

const RANK: Record<Role, number> = { viewer: 1, operator: 2, admin: 3 };

/** can reports whether the signed-in user has at least `role`. */
export function can(role: Role): boolean {
  const u = me.value;
  return !!u && (RANK[u.role] ?? 0) >= RANK[role];
}

/** isOperator and isAdmin are reactive role checks. */
export const isOperator = computed(() => can("operator"));
export const isAdmin = computed(() => can("admin"));

/** loadMe fetches the current user; 401 means signed out. Without the CSRF cookie there is no session to ask about. */
export async function loadMe(): Promise<void> {
  if (!csrfToken()) {
    me.value = null;
    return;
  }
  try {
    me.value = await request<Me>("GET", "/auth/me", undefined, { quiet401: true });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) me.value = null;
    else throw err;
  }
}

/** login signs in with a password and loads the user. */
export async function login(username: string, password: string): Promise<void> {
  await request("POST", "/auth/login", { username, password }, { quiet401: true });
  await loadMe();
}

/** setup creates the first admin, then signs in as them. */
export async function setup(username: string, password: string): Promise<void> {
  await request("POST", "/auth/setup", { username, password }, { quiet401: true });
  await login(username, password);
}

/** logout ends the session. */
export async function logout(): Promise<void> {
  try {
    await request("POST", "/auth/logout", {}, { quiet401: true });
  } finally {
    me.value = null;
  }
}
