import { createHash } from "node:crypto";
import { fromBinary } from "@bufbuild/protobuf";
import { PushRequestSchema, type PushRequest } from "@flotilla/shared/gen/flotilla/v1/node_pb.js";

/** MAGIC starts every spool batch file: format version 1. */
const MAGIC = Buffer.from("FLS1");
const SUM_BYTES = 8;
const HEADER = MAGIC.length + 4 + SUM_BYTES;

const digest = (data: Uint8Array) => createHash("sha256").update(data).digest().subarray(0, SUM_BYTES);

/**
 * encodeBatch frames an encoded PushRequest for the spool: magic, payload
 * length (uint32 BE), the first 8 bytes of its SHA-256, then the payload.
 */
export function encodeBatch(payload: Uint8Array): Buffer {
  const head = Buffer.alloc(HEADER);
  MAGIC.copy(head, 0);
  head.writeUInt32BE(payload.byteLength, MAGIC.length);
  digest(payload).copy(head, MAGIC.length + 4);
  return Buffer.concat([head, payload]);
}

/** DecodedBatch is a verified batch, or why a file was refused. */
export type DecodedBatch = { ok: true; request: PushRequest } | { ok: false; reason: string };

/**
 * decodeBatch verifies a spool file's frame and checksum and decodes it.
 * A truncated, padded or altered file, or one whose sequence number is not
 * the one its name says, is refused with a reason.
 */
export function decodeBatch(file: Uint8Array, seq: bigint): DecodedBatch {
  const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (!buf.subarray(0, MAGIC.length).equals(MAGIC)) return decode(buf, seq, "no batch header");
  if (buf.length < HEADER) return { ok: false, reason: "truncated header" };
  const length = buf.readUInt32BE(MAGIC.length);
  const payload = buf.subarray(HEADER);
  if (payload.length !== length) return { ok: false, reason: `length ${payload.length}, header says ${length}` };
  if (!digest(payload).equals(buf.subarray(MAGIC.length + 4, HEADER))) return { ok: false, reason: "checksum mismatch" };
  return decode(payload, seq);
}

/** decode parses a payload; unframed files written before format 1 are read this way too. */
function decode(payload: Uint8Array, seq: bigint, unframed?: string): DecodedBatch {
  try {
    const request = fromBinary(PushRequestSchema, payload);
    if (request.seq !== seq) return { ok: false, reason: unframed ?? `holds seq ${request.seq}` };
    return { ok: true, request };
  } catch (err) {
    return { ok: false, reason: unframed ?? (err as Error).message };
  }
}
