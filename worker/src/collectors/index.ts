import { FlotillaError } from "@flotilla/shared";
import type { Collector } from "./collector.js";
import { createContainersCollector } from "./containers.js";
import { createCpuCollector } from "./cpu.js";
import { createFilesystemCollector } from "./filesystem.js";
import { createMemoryCollector } from "./memory.js";
import { createNetworkCollector } from "./network.js";
import { createSystemCollector } from "./system.js";

export type { Collector, CollectorContext, Point } from "./collector.js";
export { runCollectors, type CollectorRound, type CollectorRunStatus } from "./run.js";
export { createDockerSource, type DockerSource, type DockerSourceOptions, type ContainerDetails } from "./docker-source.js";
export { createContainersCollector, type ContainerStatsMethod, type ContainersCollectorOptions } from "./containers.js";

/** COLLECTOR_FACTORIES maps each collector name to the factory of a fresh (stateful) instance. */
const COLLECTOR_FACTORIES: ReadonlyArray<() => Collector> = [
  createCpuCollector,
  createMemoryCollector,
  createFilesystemCollector,
  createNetworkCollector,
  createSystemCollector,
  () => createContainersCollector(),
];

/** COLLECTORS is the registry of every collector, in reporting order. Prefer createCollectors for a private set. */
export const COLLECTORS: readonly Collector[] = COLLECTOR_FACTORIES.map((f) => f());

/** COLLECTOR_NAMES lists the names accepted by --disable-collectors. */
export const COLLECTOR_NAMES: readonly string[] = COLLECTORS.map((c) => c.name);

/**
 * createCollectors returns fresh instances of every collector not named in
 * `disabled` (the --disable-collectors setting). An unknown name is an
 * invalid_argument error naming the setting.
 */
export function createCollectors(opts: { disabled?: readonly string[] } = {}): Collector[] {
  const disabled = new Set((opts.disabled ?? []).map((s) => s.trim()).filter(Boolean));
  const unknown = [...disabled].filter((n) => !COLLECTOR_NAMES.includes(n));
  if (unknown.length > 0) {
    throw new FlotillaError("invalid_argument", `disable-collectors: unknown collector "${unknown[0]}" (known: ${COLLECTOR_NAMES.join(", ")})`, [
      { field: "disable-collectors", message: `unknown collector ${unknown.join(", ")}` },
    ]);
  }
  return COLLECTOR_FACTORIES.map((f) => f()).filter((c) => !disabled.has(c.name));
}
