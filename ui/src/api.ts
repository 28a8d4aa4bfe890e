/**
 * Tiny fetch client for the REST API under /api/v1. Sends the session cookie,
 * adds the CSRF header on mutations and turns error envelopes into ApiError.
 */
import { signal } from "@preact/signals";

/** ApiError is a failed API call, carrying the server's error envelope. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
    readonly details: { field: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** unauthorized is set when any call answers 401, so the shell shows the login screen. */
export const unauthorized = signal(0);

/** csrfToken reads the readable `flotilla_csrf` cookie. */
export function csrfToken(): string {
  const m = document.cookie.match(/(?:^|;\s*)flotilla_csrf=([^;]*)/);
  return m ? decodeURIComponent(m[1]!) : "";
}

/** Query is a map of query parameters; empty values are left out. */
export type Query = Record<string, string | number | boolean | undefined | null>;

/** withQuery appends the non-empty parameters to a path. */
export function withQuery(path: string, q: Query = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `${path}${path.includes("?") ? "&" : "?"}${s}` : path;
}

/** apiUrl is the absolute path of an API route. */
export function apiUrl(path: string): string {
  return `/api/v1${path}`;
}

/** request calls the API and returns the parsed JSON body (undefined on 204). */
export async function request<T>(method: string, path: string, body?: unknown, opts: { quiet401?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") headers["X-CSRF-Token"] = csrfToken();
  let res: Response;
  try {
    res = await fetch(apiUrl(path), {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "unavailable", "The server cannot be reached. Check your connection.");
  }
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const env = (data ?? {}) as { error?: string; code?: string; request_id?: string; details?: { field: string; message: string }[] };
    if (res.status === 401 && !opts.quiet401) unauthorized.value++;
    throw new ApiError(
      res.status,
      env.code ?? (res.status === 404 ? "not_found" : "internal"),
      env.error ?? `Request failed (${res.status} ${res.statusText})`,
      env.request_id ?? res.headers.get("X-Request-ID") ?? undefined,
      Array.isArray(env.details) ? env.details : [],
    );
  }
  return data as T;
}

/** api groups the HTTP verbs. */
export const api = {
  get: <T>(path: string, q?: Query) => request<T>("GET", withQuery(path, q)),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
  del: <T>(path: string) => request<T>("DELETE", path),
};

/** describeError renders any thrown value as one readable line. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    // A detail that only repeats the message (e.g. the password length) is not printed twice.
    const fields = err.details
      .filter((d) => !err.message.includes(d.message))
      .map((d) => `${d.field}: ${d.message}`)
      .join("; ");
    const id = err.requestId ? ` (request ${err.requestId})` : "";
    return `${err.message}${fields ? ` — ${fields}` : ""}${id}`;
  }
  return err instanceof Error ? err.message : String(err);
}

/** isNotFound reports a 404 (route or resource the API does not serve). */
export function isNotFound(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 404 || err.status === 405 || err.status === 501);
}
