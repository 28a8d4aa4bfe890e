import { errors, FlotillaError } from "@flotilla/shared";
import type { ContainerInfo } from "@flotilla/shared/gen/flotilla/v1/telemetry_pb.js";
import type { ContainerRecord } from "../services/containers.js";
import type { SessionRegistry } from "../sessions/index.js";

/** ContainerInventoryPort is what container operations need from the telemetry pipeline. */
export interface ContainerInventoryPort {
  inventory: { containers(nodeId: string): Promise<ContainerRecord[]> };
  containers: { requireNode(nodeId: string): Promise<string> };
  /** applyContainer records a container's new state at once and publishes `container.state`. */
  applyContainer(nodeId: string, info: ContainerInfo): Promise<void>;
}

/** ContainerTarget is a node's container addressed by a REST path. */
export interface ContainerTarget {
  nodeId: string;
  container: ContainerRecord;
}

/**
 * createTargetResolver finds the container a path names on a node: by full
 * id, by name, or by an unambiguous id prefix of at least 4 characters, in
 * the master's inventory. Unknown node or container: not_found.
 */
export function createTargetResolver(deps: { containers: ContainerInventoryPort; sessions: SessionRegistry }) {
  return {
    async resolve(nodeId: string, ref: string): Promise<ContainerTarget> {
      await deps.containers.containers.requireNode(nodeId);
      const all = await deps.containers.inventory.containers(nodeId);
      const exact = all.find((c) => c.id === ref) ?? all.find((c) => c.name === ref);
      const byPrefix = ref.length >= 4 ? all.filter((c) => c.id.startsWith(ref)) : [];
      const container = exact ?? (byPrefix.length === 1 ? byPrefix[0] : undefined);
      if (!container) throw byPrefix.length > 1 ? errors.invalid(`container id prefix "${ref}" is ambiguous`) : errors.notFound("container");
      return { nodeId, container };
    },

    /** requireConnected throws unavailable unless the node has a live command stream. */
    requireConnected(nodeId: string): void {
      if (!deps.sessions.isConnected(nodeId)) throw new FlotillaError("unavailable", `node ${nodeId} is offline`);
    },
  };
}

/** TargetResolver resolves container paths. */
export type TargetResolver = ReturnType<typeof createTargetResolver>;
