import createFetchClient, { type Client, type Middleware } from "openapi-fetch";
import { FlotillaApiError } from "./errors.js";
import type { paths } from "./gen/schema.js";

/** ClientOptions configure a Flotilla client. */
export interface ClientOptions {
  /** Base URL of the master, e.g. http://master:8080. */
  url: string;
  /** API key (sent as a Bearer token). */
  apiKey?: string;
  /** fetch implementation (default: the global one). */
  fetch?: typeof fetch;
}

/** FlotillaClient is a typed openapi-fetch client for every REST operation. */
export type FlotillaClient = Client<paths>;

/**
 * createClient returns a typed client for the master at `url`: paths,
 * parameters and bodies are checked against the OpenAPI document, and a
 * non-2xx answer throws {@link FlotillaApiError}.
 */
export function createClient(opts: ClientOptions): FlotillaClient {
  const client = createFetchClient<paths>({ baseUrl: opts.url.replace(/\/+$/, ""), ...(opts.fetch ? { fetch: opts.fetch } : {}) });
  const auth: Middleware = {
    onRequest({ request }) {
      if (opts.apiKey) request.headers.set("Authorization", `Bearer ${opts.apiKey}`);
      return request;
    },
    async onResponse({ response }) {
      if (response.ok) return response;
      const text = await response.clone().text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      throw FlotillaApiError.from(response.status, body);
    },
  };
  client.use(auth);
  return client;
}
