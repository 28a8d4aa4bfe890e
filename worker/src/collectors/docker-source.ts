import { create } from "@bufbuild/protobuf";
import type { Logger } from "@flotilla/shared";
import { ContainerInfoSchema, ContainerPortSchema, type ContainerInfo, type WorkerEvent } from "@flotilla/shared/gen/flotilla/v1/telemetry_pb.js";
import type Docker from "dockerode";
import type { DockerEngine } from "../docker.js";
import type { ContainerSample } from "./container-sample.js";
import { createLineSplitter, toWorkerEvent, type DockerEventMessage } from "./docker-events.js";
import { fromDockerStats } from "./docker-stats.js";
import { mapLimit } from "./map-limit.js";

/** ContainerDetails is what the source keeps per container from inspect. */
export interface ContainerDetails {
  restartCount: number;
  /** Host pid of the container's init process; 0 when not running. */
  pid: number;
  /** State seen when inspected; a different listed state triggers a refresh. */
  state: string;
}

/** DockerSource is the worker's view of the local Docker engine. */
export interface DockerSource {
  /** available is false once a call failed to reach the engine, true after a success. */
  readonly available: boolean;
  /** installed is false when the socket file does not exist (no engine on this host). */
  readonly installed: boolean;
  readonly docker: Docker;
  /** ping checks the engine and updates `available`. */
  ping(): Promise<boolean>;
  /** inventory lists every container (running or not) as ContainerInfo messages. */
  inventory(): Promise<ContainerInfo[]>;
  /** details returns cached inspect data, inspecting only unknown or changed containers. */
  details(id: string): Promise<ContainerDetails | undefined>;
  /** stats reads one-shot resource counters through the engine API. */
  stats(id: string): Promise<ContainerSample>;
  /** events streams container lifecycle events until the returned stop() is called. */
  events(onEvent: (e: WorkerEvent) => void): () => void;
  /** close ends the event stream and forgets listeners. */
  close(): void;
}

/** DockerSourceOptions configures createDockerSource. */
export interface DockerSourceOptions {
  /** engine is the worker's Docker client (worker/src/docker.ts). */
  engine: DockerEngine;
  log: Logger;
  /** Concurrent inspect calls (default 4). */
  concurrency?: number;
  /** How long one listing is reused by inventory() (default 1000 ms); events invalidate it. */
  inventoryTtlMs?: number;
}

/**
 * createDockerSource reads the engine through the worker's Docker client.
 * Inspect results (restart count, pid) are cached per container and
 * refreshed only when an engine event names the container or its listed
 * state changed, so a round costs one list call however many containers run.
 */
export function createDockerSource(opts: DockerSourceOptions): DockerSource {
  const { log } = opts;
  const concurrency = opts.concurrency ?? 4;
  const docker = opts.engine.client;
  const cache = new Map<string, ContainerDetails>();
  const listeners = new Set<(e: WorkerEvent) => void>();
  let available = opts.engine.installed();
  let closed = false;
  let stream: NodeJS.ReadableStream | undefined;
  let retry: NodeJS.Timeout | undefined;
  let backoffMs = 500;
  const inventoryTtlMs = opts.inventoryTtlMs ?? 1000;
  let listing: { at: number; value: Promise<ContainerInfo[]> } | undefined;

  async function call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      const v = await fn();
      available = true;
      return v;
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      if (status === undefined) available = false;
      throw err;
    }
  }

  function onMessage(line: string): void {
    let msg: DockerEventMessage;
    try {
      msg = JSON.parse(line) as DockerEventMessage;
    } catch {
      return;
    }
    const id = msg.Actor?.ID;
    if (msg.Type === "container" && id) {
      cache.delete(id);
      listing = undefined;
    }
    const ev = toWorkerEvent(msg);
    if (!ev) return;
    for (const l of listeners) {
      try {
        l(ev);
      } catch (err) {
        log.warn({ err }, "docker event listener failed");
      }
    }
  }

  function scheduleReconnect(): void {
    stream = undefined;
    if (closed || retry) return;
    // Events may have been missed: forget cached details.
    cache.clear();
    listing = undefined;
    const delay = backoffMs * (0.5 + Math.random());
    backoffMs = Math.min(backoffMs * 2, 30_000);
    retry = setTimeout(() => {
      retry = undefined;
      void connectEvents();
    }, delay);
    retry.unref();
  }

  async function connectEvents(): Promise<void> {
    if (closed || stream) return;
    try {
      const s = await call(() => docker.getEvents({ filters: { type: ["container"] } }));
      if (closed) return destroy(s);
      stream = s;
      backoffMs = 500;
      s.on("data", createLineSplitter(onMessage));
      s.on("error", (err: Error) => log.debug({ err }, "docker event stream error"));
      s.on("close", scheduleReconnect);
      s.on("end", scheduleReconnect);
      unrefSocket(s);
    } catch (err) {
      log.debug({ err }, "docker events unavailable");
      scheduleReconnect();
    }
  }

  async function details(id: string, listedState?: string): Promise<ContainerDetails | undefined> {
    const hit = cache.get(id);
    if (hit && (listedState === undefined || hit.state === listedState)) return hit;
    void connectEvents();
    try {
      const info = await call(() => docker.getContainer(id).inspect());
      const d = { restartCount: info.RestartCount ?? 0, pid: info.State?.Pid ?? 0, state: info.State?.Status ?? "" };
      cache.set(id, d);
      return d;
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return undefined;
      throw err;
    }
  }

  async function listInventory(): Promise<ContainerInfo[]> {
    void connectEvents();
    const list = await call(() => docker.listContainers({ all: true }));
    const seen = new Set(list.map((c) => c.Id));
    for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
    const extra = await mapLimit(list, concurrency, (c) => details(c.Id, c.State).catch(() => undefined));
    return list.map((c, i) =>
      create(ContainerInfoSchema, {
        id: c.Id,
        name: (c.Names?.[0] ?? "").replace(/^\//, ""),
        image: c.Image,
        imageId: c.ImageID,
        state: c.State,
        status: c.Status,
        createdMs: BigInt(c.Created) * 1000n,
        ports: (c.Ports ?? []).map((p) =>
          create(ContainerPortSchema, { ip: p.IP ?? "", privatePort: p.PrivatePort, publicPort: p.PublicPort ?? 0, type: p.Type }),
        ),
        labels: c.Labels ?? {},
        restartCount: extra[i]?.restartCount ?? 0,
      }),
    );
  }

  return {
    get available() {
      return available;
    },
    get installed() {
      return opts.engine.installed();
    },
    docker,
    async ping() {
      try {
        await call(() => docker.ping());
      } catch {
        /* available already updated */
      }
      return available;
    },
    inventory() {
      const now = performance.now();
      if (listing && now - listing.at < inventoryTtlMs) return listing.value;
      const value = listInventory();
      listing = { at: now, value };
      value.catch(() => {
        if (listing?.value === value) listing = undefined;
      });
      return value;
    },
    details: (id) => details(id),
    async stats(id) {
      const s = await call(() => docker.getContainer(id).stats({ stream: false, "one-shot": true } as { stream: false }));
      return fromDockerStats(s);
    },
    events(onEvent) {
      listeners.add(onEvent);
      void connectEvents();
      return () => {
        listeners.delete(onEvent);
      };
    },
    close() {
      closed = true;
      listeners.clear();
      if (retry) clearTimeout(retry);
      if (stream) destroy(stream);
      stream = undefined;
    },
  };
}

function destroy(s: NodeJS.ReadableStream): void {
  (s as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
}

/** unrefSocket keeps a long-lived event stream from holding the process open. */
function unrefSocket(s: NodeJS.ReadableStream): void {
  const socket = (s as { socket?: { unref?: () => void } }).socket;
  socket?.unref?.();
}
