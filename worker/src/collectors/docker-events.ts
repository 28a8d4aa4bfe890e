import { create } from "@bufbuild/protobuf";
import { WorkerEventSchema, type WorkerEvent } from "@flotilla/shared/gen/flotilla/v1/telemetry_pb.js";

/** FORWARDED_ACTIONS are the container lifecycle actions turned into worker events. */
export const FORWARDED_ACTIONS: ReadonlySet<string> = new Set([
  "create",
  "start",
  "restart",
  "stop",
  "die",
  "kill",
  "oom",
  "pause",
  "unpause",
  "destroy",
  "rename",
  "update",
  "health_status",
]);

/** DockerEventMessage is one JSON line of the engine's /events stream (the fields used here). */
export interface DockerEventMessage {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
}

/**
 * toWorkerEvent maps an engine event to a WorkerEvent ("container.<action>"),
 * or returns undefined for non-container events and actions not forwarded
 * (exec, attach, resize…). "health_status: healthy" becomes type
 * "container.health_status" with attribute health_status=healthy.
 */
export function toWorkerEvent(msg: DockerEventMessage): WorkerEvent | undefined {
  if (msg.Type !== "container" || !msg.Action || !msg.Actor?.ID) return undefined;
  const colon = msg.Action.indexOf(":");
  const action = colon < 0 ? msg.Action : msg.Action.slice(0, colon);
  if (!FORWARDED_ACTIONS.has(action)) return undefined;
  const attributes: Record<string, string> = { ...(msg.Actor.Attributes ?? {}) };
  if (colon >= 0) attributes[action] = msg.Action.slice(colon + 1).trim();
  const tsMs = msg.timeNano ? Math.floor(msg.timeNano / 1e6) : (msg.time ?? Date.now() / 1000) * 1000;
  return create(WorkerEventSchema, {
    tsMs: BigInt(Math.floor(tsMs)),
    type: `container.${action}`,
    containerId: msg.Actor.ID,
    attributes,
  });
}

/** createLineSplitter returns a function fed with stream chunks that calls onLine for each complete line. */
export function createLineSplitter(onLine: (line: string) => void): (chunk: Buffer | string) => void {
  let buf = "";
  return (chunk) => {
    buf += chunk.toString();
    let nl: number;
    while ((nl = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      if (line) onLine(line);
    }
  };
}
