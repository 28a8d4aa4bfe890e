import { createClient, paginate, type FlotillaClient, type Page } from "@flotilla/client";
import type { Settings } from "./settings.js";

type Row = Record<string, unknown>;

/** Api is the CLI's view of the master: the typed client plus list helpers. */
export interface Api {
  client: FlotillaClient;
  settings: Settings;
  /** all collects every item of a paged list path. */
  all(path: string, query?: Record<string, string | number | undefined>): Promise<Row[]>;
  get(path: string, query?: Record<string, string | number | undefined>): Promise<Row>;
  send(method: "POST" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<Row | undefined>;
}

/**
 * createApi wraps the SDK. Paths are the OpenAPI paths; the generic helpers
 * keep command code short where response bodies are not typed yet.
 */
export function createApi(settings: Settings): Api {
  const client = createClient(settings);
  const loose = client as unknown as Record<string, (path: string, init?: object) => Promise<{ data?: unknown }>>;
  const call = async (method: string, path: string, init: object = {}) => (await loose[method]!(path, init)).data;
  const api: Api = {
    client,
    settings,
    async all(path, query = {}) {
      const out: Row[] = [];
      for await (const item of paginate(
        (cursor) => call("GET", path, { params: { query: { ...query, limit: 200, ...(cursor ? { cursor } : {}) } } }) as Promise<Page<Row>>,
      ))
        out.push(item);
      return out;
    },
    async get(path, query) {
      return (await call("GET", path, query ? { params: { query } } : {})) as Row;
    },
    async send(method, path, body) {
      return (await call(method, path, body === undefined ? {} : { body })) as Row | undefined;
    },
  };
  return api;
}
