import { fromBinary, toBinary, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import type { Interruption } from "../sessions/index.js";
import { SUBJECT_PREFIX } from "./nats.js";

/** RELAY_WINDOW is how many output chunks the owner may have sent that the asking replica has not consumed yet. */
export const RELAY_WINDOW = 8;

/** ALIVE_MS is how often each side of a relayed command tells the other it is still there. */
export const ALIVE_MS = 1_000;

/** SILENCE_MS is how long a side of a relayed command may go unheard before the relay counts as lost. */
export const SILENCE_MS = 4 * ALIVE_MS;

/** commandSubject is the subject the replica holding a node's session answers for it. */
export const commandSubject = (nodeId: string) => `${SUBJECT_PREFIX}.cmd.${nodeId}`;

/** subjectSafe reports whether an id can be one NATS subject token. */
export const subjectSafe = (id: string) => /^[A-Za-z0-9_-]{1,128}$/.test(id);

/** RelayRequest asks the owner to run a command: the asking replica listens on `reply`. */
export interface RelayRequest {
  op: "dispatch";
  command: string;
  timeout_ms: number;
  progress: boolean;
  output: boolean;
  reply: string;
  /** The asking replica says it is alive on `ctl` every ALIVE_MS; the owner cancels the command when it goes silent. */
  alive?: boolean;
}

/** RelayAck is the owner's answer to a request: accepted (with its control subject) or refused. */
export type RelayAck = { ok: true; ctl: string } | { ok: false; code: string; message: string };

/**
 * RelayFrame flows from the owner to the asking replica on `reply`. A result
 * the owner decided because its path to the worker was lost names the
 * interruption (`lost`).
 */
export type RelayFrame = { t: "progress" | "output"; data: string } | { t: "result"; data: string; lost?: Interruption } | { t: "alive" };

/** RelayControl flows from the asking replica to the owner on `ctl`: consumed chunks (cumulative), cancel, or alive. */
export type RelayControl = { t: "credit"; consumed: number } | { t: "cancel" } | { t: "alive" };

const enc = new TextEncoder();

/** encodeJson is a NATS payload of `v`. */
export const encodeJson = (v: unknown) => enc.encode(JSON.stringify(v));

/** pack encodes a protobuf message for a JSON frame. */
export function pack<D extends DescMessage>(schema: D, msg: MessageShape<D>): string {
  return Buffer.from(toBinary(schema, msg)).toString("base64");
}

/** unpack decodes what {@link pack} produced. */
export function unpack<D extends DescMessage>(schema: D, data: string): MessageShape<D> {
  return fromBinary(schema, Buffer.from(data, "base64"));
}
