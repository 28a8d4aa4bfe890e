import type { ContainerInfo, WorkerEvent } from "@flotilla/shared/gen/flotilla/v1/telemetry_pb.js";
import type { ContainerRecord } from "../services/containers.js";

/** toRecord converts a wire ContainerInfo into the master's record. */
export function toRecord(c: ContainerInfo): ContainerRecord {
  return {
    id: c.id,
    name: c.name.replace(/^\//, ""),
    image: c.image,
    imageId: c.imageId,
    state: c.state,
    status: c.status,
    createdMs: Number(c.createdMs),
    ports: c.ports.map((p) => ({ ip: p.ip, private_port: p.privatePort, public_port: p.publicPort, type: p.type })),
    labels: Object.fromEntries(Object.entries(c.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    restartCount: c.restartCount,
  };
}

/** sameRecord reports whether two records would store the same row. */
export function sameRecord(a: ContainerRecord, b: ContainerRecord): boolean {
  return (
    a.name === b.name &&
    a.image === b.image &&
    a.imageId === b.imageId &&
    a.state === b.state &&
    a.status === b.status &&
    a.createdMs === b.createdMs &&
    a.restartCount === b.restartCount &&
    JSON.stringify(a.ports) === JSON.stringify(b.ports) &&
    JSON.stringify(a.labels) === JSON.stringify(b.labels)
  );
}

/** REMOVED is the state of a container that no longer exists on its host. */
export const REMOVED = "removed";

const EVENT_STATES: Record<string, string> = {
  create: "created",
  start: "running",
  restart: "running",
  unpause: "running",
  pause: "paused",
  stop: "exited",
  die: "exited",
  destroy: REMOVED,
};

/**
 * applyEvent returns the record a container has after a worker event
 * (`container.start`, `container.die`, `container.destroy`, …), or undefined
 * when the event does not change what is known. `container.oom` keeps the
 * state (the die that follows ends the container) but marks the status.
 */
export function applyEvent(prev: ContainerRecord | undefined, e: WorkerEvent): ContainerRecord | undefined {
  if (!e.type.startsWith("container.") || !e.containerId) return undefined;
  const action = e.type.slice("container.".length);
  const a = e.attributes;
  const base: ContainerRecord = prev ?? {
    id: e.containerId,
    name: a.name ?? "",
    image: a.image ?? "",
    imageId: "",
    state: "created",
    status: "",
    createdMs: Number(e.tsMs),
    ports: [],
    labels: {},
    restartCount: 0,
  };
  const state = EVENT_STATES[action];
  if (state !== undefined) {
    const status =
      action === "die"
        ? `Exited (${a.exitCode ?? "?"})`
        : action === "start" || action === "restart" || action === "unpause"
          ? "Up"
          : action === "pause"
            ? "Up (Paused)"
            : base.status;
    return { ...base, state, status };
  }
  if (action === "oom") return { ...base, status: "OOM killed" };
  if (action === "rename" && a.name) return { ...base, name: a.name.replace(/^\//, "") };
  if (action === "health_status" && a.health_status) return { ...base, status: `Up (${a.health_status})` };
  return prev ? undefined : base;
}
