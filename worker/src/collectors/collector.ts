import type { Logger } from "@flotilla/shared";
import type { DockerSource } from "./docker-source.js";

/** Point is one sample produced by a collector. */
export interface Point {
  name: string;
  value: number;
  labels?: Record<string, string>;
}

/** CollectorContext gives collectors their roots and shared clients. */
export interface CollectorContext {
  /** Root of the proc filesystem (default /proc). */
  procRoot: string;
  /** Root of the sys filesystem (default /sys). */
  sysRoot: string;
  /** Root of the host filesystem (default /); mounts are read under it. */
  hostRoot: string;
  log: Logger;
  /** Local Docker engine; absent or null when the host has none (container metrics are then skipped). */
  docker?: DockerSource | null;
}

/**
 * Collector gathers one family of metrics. Collectors are listed in
 * collectors/index.ts and each can be turned off by flag.
 */
export interface Collector {
  readonly name: string;
  collect(ctx: CollectorContext): Promise<Point[]>;
}
