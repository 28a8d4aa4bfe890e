import { ConfigError, FlotillaError, type Logger } from "@flotilla/shared";
import type { ContainerInfo, WorkerEvent } from "@flotilla/shared/gen/flotilla/v1/telemetry_pb.js";
import { createCollectors, createDockerSource, runCollectors } from "./collectors/index.js";
import type { WorkerConfig } from "./config.js";
import type { DockerEngine } from "./docker.js";
import type { Round } from "./telemetry.js";

/** Sources are the telemetry inputs the agent runs: collectors and the Docker engine. */
export interface Sources {
  collect: () => Promise<Round>;
  inventory: () => Promise<ContainerInfo[] | undefined>;
  subscribeEvents: (onEvent: (e: WorkerEvent) => void) => () => void;
  close(): void;
}

/**
 * createSources builds the enabled collectors (--disable-collectors) and the
 * Docker source on the worker's Docker client. An unknown collector name is a
 * ConfigError naming the setting.
 */
export function createSources(config: WorkerConfig, log: Logger, engine: DockerEngine): Sources {
  let collectors;
  try {
    collectors = createCollectors({ disabled: config.disableCollectors });
  } catch (err) {
    if (err instanceof FlotillaError) throw new ConfigError("--disable-collectors", err.message.replace(/^disable-collectors: /, ""));
    throw err;
  }
  const docker = createDockerSource({ engine, log });
  const ctx = { procRoot: config.procRoot, sysRoot: config.sysRoot, hostRoot: config.hostRoot, log, docker };
  return {
    collect: () => runCollectors(collectors, ctx),
    inventory: async () => (docker.available || (await docker.ping()) ? docker.inventory() : undefined),
    subscribeEvents: (onEvent) => docker.events(onEvent),
    close: () => docker.close(),
  };
}
