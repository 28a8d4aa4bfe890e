import { existsSync } from "node:fs";
import { access, constants } from "node:fs/promises";
import Docker from "dockerode";

/**
 * DockerEngine is the worker's one client of the local Docker engine
 * (`--docker-socket`). main.ts creates it once and hands it to the
 * collectors' Docker source, the scanners and the command handlers.
 */
export interface DockerEngine {
  /** socketPath is the engine's unix socket. */
  readonly socketPath: string;
  /** client is the dockerode client on the socket (calls fail while no engine listens). */
  readonly client: Docker;
  /** installed is false when the socket file does not exist (no engine on this host). */
  installed(): boolean;
  /** usable resolves whether the socket exists and this process may read and write it. */
  usable(): Promise<boolean>;
}

/** createDockerEngine returns the engine client for `socketPath`; it does not connect until a call. */
export function createDockerEngine(socketPath: string): DockerEngine {
  const client = new Docker({ socketPath });
  return {
    socketPath,
    client,
    installed: () => existsSync(socketPath),
    async usable() {
      try {
        await access(socketPath, constants.R_OK | constants.W_OK);
        return true;
      } catch {
        return false;
      }
    },
  };
}
