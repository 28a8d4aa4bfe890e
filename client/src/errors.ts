/** ErrorEnvelope is the body of every non-2xx REST answer. */
export interface ErrorEnvelope {
  error: string;
  code: string;
  request_id?: string;
  details?: { field: string; message: string }[];
}

/**
 * FlotillaApiError is the error envelope of a failed request, thrown by
 * every SDK call: `code` is the machine code (`not_found`, `permission_denied`,
 * …), `status` the HTTP status.
 */
export class FlotillaApiError extends Error {
  override name = "FlotillaApiError";
  readonly code: string;
  readonly requestId: string | undefined;
  readonly details: { field: string; message: string }[];
  constructor(
    readonly status: number,
    envelope: Partial<ErrorEnvelope>,
  ) {
    super(envelope.error ?? `HTTP ${status}`);
    this.code = envelope.code ?? (status >= 500 ? "internal" : "unknown");
    this.requestId = envelope.request_id;
    this.details = envelope.details ?? [];
  }

  /** from converts an openapi-fetch error result into a FlotillaApiError. */
  static from(status: number, body: unknown): FlotillaApiError {
    const env = body && typeof body === "object" ? (body as Partial<ErrorEnvelope>) : { error: String(body ?? "") || `HTTP ${status}` };
    return new FlotillaApiError(status, env);
  }
}
