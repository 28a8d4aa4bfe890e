/**
 * Code is the closed set of machine error codes shared by REST, gRPC and the
 * command stream. Each maps to one HTTP status and one gRPC status.
 */
export type Code =
  | "invalid_argument"
  | "unauthenticated"
  | "permission_denied"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "unavailable"
  | "deadline_exceeded"
  | "canceled"
  | "internal";

/** CODES lists every Code with its HTTP status and gRPC status number. */
export const CODES: Record<Code, { http: number; grpc: number }> = {
  invalid_argument: { http: 400, grpc: 3 },
  unauthenticated: { http: 401, grpc: 16 },
  permission_denied: { http: 403, grpc: 7 },
  not_found: { http: 404, grpc: 5 },
  conflict: { http: 409, grpc: 6 },
  rate_limited: { http: 429, grpc: 8 },
  unavailable: { http: 503, grpc: 14 },
  deadline_exceeded: { http: 504, grpc: 4 },
  canceled: { http: 499, grpc: 1 },
  internal: { http: 500, grpc: 13 },
};

/** FieldViolation names one invalid input field. */
export interface FieldViolation {
  field: string;
  message: string;
}

/**
 * FlotillaError is the one error type of the project. Services throw it;
 * every transport converts it with {@link FlotillaError.from}.
 */
export class FlotillaError extends Error {
  override name = "FlotillaError";
  constructor(
    readonly code: Code,
    message: string,
    readonly details: FieldViolation[] = [],
    options?: { cause?: unknown; status?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.httpStatus = options?.status ?? CODES[code].http;
  }

  /** HTTP status to answer with (defaults to the code's status). */
  readonly httpStatus: number;

  /** from converts anything thrown into a FlotillaError; unknown errors become `internal`. */
  static from(err: unknown): FlotillaError {
    if (err instanceof FlotillaError) return err;
    return new FlotillaError("internal", "internal error", [], { cause: err });
  }

  /** isCode reports whether a string is one of the shared codes. */
  static isCode(s: string): s is Code {
    return Object.prototype.hasOwnProperty.call(CODES, s);
  }

  /** fromGrpcStatus maps a gRPC status number back to a Code. */
  static codeFromGrpc(status: number): Code {
    for (const [code, v] of Object.entries(CODES)) if (v.grpc === status) return code as Code;
    return "internal";
  }
}

/** Shorthand constructors for the common cases. */
export const errors = {
  invalid: (message: string, details: FieldViolation[] = []) => new FlotillaError("invalid_argument", message, details),
  notFound: (what: string) => new FlotillaError("not_found", `${what} not found`),
  conflict: (message: string) => new FlotillaError("conflict", message),
  unauthenticated: (message = "authentication required") => new FlotillaError("unauthenticated", message),
  forbidden: (message = "permission denied") => new FlotillaError("permission_denied", message),
  unavailable: (message: string) => new FlotillaError("unavailable", message),
  rateLimited: (message = "too many requests") => new FlotillaError("rate_limited", message),
};
