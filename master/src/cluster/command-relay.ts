import type { Logger } from "@flotilla/shared";
import type { SessionRegistry } from "../sessions/index.js";
import { createCommandOwner, type CommandOwner } from "./command-owner.js";
import { subjectSafe } from "./command-wire.js";
import type { ClusterBus } from "./nats.js";
import { askOwner, dispatchRemote, refused } from "./remote-command.js";
import { createSessionDirectory, type DirectoryOptions, type SessionDirectory } from "./session-directory.js";

/** ClusterSessions is the session registry of cluster mode, with what the other cluster parts build on. */
export interface ClusterSessions extends SessionRegistry {
  owner: CommandOwner;
  directory: SessionDirectory;
  /** holdsLocally reports whether this replica holds the node's session. */
  holdsLocally(nodeId: string): boolean;
  /** ask sends a request (`op`) to the replica holding a node's session and returns its `value`. */
  ask(nodeId: string, op: string, body: Record<string, unknown>): Promise<unknown>;
  stop(): void;
}

/**
 * clusterSessions is the seam where every sender of commands (the command
 * recorder behind container actions, log reads and follows, scans, facts
 * refresh) reaches sessions, made cluster-aware: a node whose session this
 * replica holds is served by the local registry; any other node is asked over
 * NATS of the replica holding it, which runs the command on its local
 * registry and streams progress and output back with the same backpressure.
 * A node no replica holds fails `unavailable` at once, as in single-master
 * mode.
 */
export function clusterSessions(local: SessionRegistry, bus: ClusterBus, log: Logger, options: Partial<DirectoryOptions> = {}): ClusterSessions {
  const held = new Set<string>();
  const owner = createCommandOwner(bus, local, log.child({ component: "command-relay" }));
  const directory = createSessionDirectory(bus, { nodeIds: () => held }, options);
  const remoteHolder = (nodeId: string) => !local.isConnected(nodeId) && subjectSafe(nodeId) && directory.holder(nodeId) !== undefined;

  return {
    ...local,
    owner,
    directory,
    attach(nodeId, stream) {
      const handle = local.attach(nodeId, stream);
      if (!held.has(nodeId)) {
        held.add(nodeId);
        if (subjectSafe(nodeId)) owner.hold(nodeId);
      }
      directory.attached(nodeId);
      return {
        ...handle,
        detach() {
          handle.detach();
          if (local.isConnected(nodeId)) return;
          held.delete(nodeId);
          owner.release(nodeId);
          directory.detached(nodeId);
        },
      };
    },
    dispatch(nodeId, command, opts) {
      if (local.isConnected(nodeId) || !subjectSafe(nodeId)) return local.dispatch(nodeId, command, opts);
      return dispatchRemote(bus, nodeId, command, opts);
    },
    isConnected: (nodeId) => local.isConnected(nodeId) || remoteHolder(nodeId),
    holdsLocally: (nodeId) => local.isConnected(nodeId),
    async ask(nodeId, op, body) {
      const a = await askOwner(bus.nc, nodeId, { ...body, op });
      if (a.ok !== true) throw refused(a);
      return a.value;
    },
    stop() {
      owner.stop();
      directory.stop();
    },
  };
}
