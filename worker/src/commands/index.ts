import type { CommandHandler } from "./handler.js";
import { refreshFacts } from "./refresh-facts.js";
import { containerAction } from "./container-action.js";
import { containerLogs } from "./container-logs.js";
import { runScan } from "./run-scan.js";

export type { CommandContext, CommandHandler, CommandKind, ResultPayload } from "./handler.js";
export { defineHandler } from "./handler.js";

/**
 * HANDLERS lists every command the worker can run, one per kind. Add a
 * handler here and it is announced in SessionHello and dispatched by kind.
 */
export const HANDLERS: readonly CommandHandler[] = [refreshFacts, runScan, containerAction, containerLogs];
