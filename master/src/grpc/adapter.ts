import type { ServiceDefinition } from "@grpc/grpc-js";
import { findInvalidString } from "@flotilla/shared";
import { fromBinary, toBinary, type DescMessage, type DescMethod, type DescService } from "@bufbuild/protobuf";

/** MALFORMED marks a request that did not decode; handlers answer INVALID_ARGUMENT. */
export const MALFORMED = Symbol("flotilla.malformed");

/** Malformed is what the decoder yields for bytes that are not a valid message, or a message with a refused string. */
export interface Malformed {
  [MALFORMED]: string;
  /** tooLarge is set when the message exceeded its method's size limit. */
  tooLarge?: number;
  /** field names the offending string field, when that was the problem. */
  field?: string;
}

/** isMalformed reports whether a decoded value is the malformed marker. */
export function isMalformed(v: unknown): v is Malformed {
  return typeof v === "object" && v !== null && MALFORMED in v;
}

/** GRPC_TYPES names method kinds the way grpc_server_* metrics label them. */
export const GRPC_TYPES: Record<DescMethod["methodKind"], string> = {
  unary: "unary",
  server_streaming: "server_stream",
  client_streaming: "client_stream",
  bidi_streaming: "bidi_stream",
};

function decoder(schema: DescMessage, maxBytes: number | undefined) {
  return (bytes: Buffer): unknown => {
    if (maxBytes !== undefined && bytes.length > maxBytes)
      return { [MALFORMED]: `message larger than ${maxBytes} bytes`, tooLarge: maxBytes } satisfies Malformed;
    try {
      const msg = fromBinary(schema, bytes);
      const bad = findInvalidString(msg);
      if (bad) return { [MALFORMED]: `${bad.field} ${bad.message}`, field: bad.field } satisfies Malformed;
      return msg;
    } catch (err) {
      return { [MALFORMED]: err instanceof Error ? err.message : "malformed message" } satisfies Malformed;
    }
  };
}

function encoder(schema: DescMessage) {
  return (msg: unknown): Buffer => Buffer.from(toBinary(schema, msg as never));
}

/**
 * serviceDefinition builds a grpc-js ServiceDefinition from a protobuf-es
 * service descriptor: one entry per method (keyed by the descriptor's local
 * name), binary codecs from the generated schemas, all four method kinds.
 * Requests that fail to decode come through as {@link Malformed} so the
 * handler can answer INVALID_ARGUMENT instead of grpc-js's INTERNAL.
 * `maxBytes` sets per-method request size limits below the server-wide one
 * (keyed by method name, e.g. `{ Enroll: 32768 }`); a larger request is
 * answered RESOURCE_EXHAUSTED without being decoded.
 */
export function serviceDefinition(service: DescService, maxBytes: Record<string, number> = {}): ServiceDefinition {
  const def: Record<string, ServiceDefinition[string]> = {};
  for (const m of service.methods) {
    def[m.localName] = {
      path: `/${service.typeName}/${m.name}`,
      originalName: m.name,
      requestStream: m.methodKind === "client_streaming" || m.methodKind === "bidi_streaming",
      responseStream: m.methodKind === "server_streaming" || m.methodKind === "bidi_streaming",
      requestSerialize: encoder(m.input),
      requestDeserialize: decoder(m.input, maxBytes[m.name]),
      responseSerialize: encoder(m.output),
      responseDeserialize: decoder(m.output, undefined),
    };
  }
  return def;
}
