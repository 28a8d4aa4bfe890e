import type { Server } from "node:http";
import type { MasterContext } from "../context.js";
import { attachContainerLogsWebSocket, type LogsFollowOptions, type LogsSocket } from "../http/container-logs-ws.js";
import type { RouteDef } from "../http/route.js";
import { createContainerActionRoutes } from "../http/routes/container-actions.js";
import type { WsAuthenticator } from "../http/ws/auth.js";
import type { NodeControl } from "../node-control.js";
import type { SessionRegistry } from "../sessions/index.js";
import { createCommandRecorder } from "./recorder.js";
import { createCommandRoutes } from "./routes.js";
import { createTargetResolver, type ContainerInventoryPort } from "./target.js";

export { createCommandRecorder, defaultSummary, kindOf, type CommandRecorder, type CommandRun, type RunCommandOptions } from "./recorder.js";
export { createCommandRecords, commandView, COMMAND_STATUSES, TERMINAL, type CommandRecords, type CommandView } from "./records.js";
export { createCommandRoutes, commandSchema } from "./routes.js";
export type { ContainerInventoryPort } from "./target.js";

/** ContainerOpsDeps are the collaborators of container operations. */
export interface ContainerOpsDeps {
  sessions: SessionRegistry;
  nodeControl: NodeControl;
  /** The telemetry pipeline (its container inventory and applyContainer). */
  containers: ContainerInventoryPort;
  follow?: Partial<LogsFollowOptions>;
}

/**
 * createContainerOps builds command records and container operations: the
 * command recorder (`runCommand`, reusable by every sender of commands), the
 * routes `GET /commands`, `GET /commands/{id}`, container actions and logs,
 * and the live log follow socket.
 */
export function createContainerOps(ctx: MasterContext, deps: ContainerOpsDeps) {
  const recorder = createCommandRecorder(ctx, deps.sessions);
  const targets = createTargetResolver({ containers: deps.containers, sessions: deps.sessions });
  const routes: RouteDef[] = [
    ...createCommandRoutes(recorder.records),
    ...createContainerActionRoutes({ recorder, targets, containers: deps.containers }),
  ];
  const sockets: LogsSocket[] = [];
  return {
    recorder,
    /** runCommand records and sends one command (see {@link createCommandRecorder}). */
    runCommand: recorder.runCommand,
    routes,
    /** attachLogsWebSocket serves the live log follow on `server` with the feed's authenticator. */
    attachLogsWebSocket(server: Server, authenticate: WsAuthenticator): LogsSocket {
      const s = attachContainerLogsWebSocket(server, ctx, { authenticate, recorder, targets, ...(deps.follow ? { options: deps.follow } : {}) });
      sockets.push(s);
      return s;
    },
    /** stop ends every log follow and waits (bounded) for command records in flight to be written. */
    async stop(budgetMs = 2_000): Promise<void> {
      await Promise.all(sockets.map((s) => s.close()));
      await recorder.idle(budgetMs);
    },
  };
}

/** ContainerOps is the running container operations component. */
export type ContainerOps = ReturnType<typeof createContainerOps>;
