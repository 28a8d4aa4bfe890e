import type { Logger } from "@flotilla/shared";
import type { Metrics } from "./metrics/registry.js";
import type { MasterConfig } from "./config.js";
import type { BulkWriter } from "./db/bulk.js";
import type { Db, Provider } from "./db/types.js";
import type { EventBus } from "./events/types.js";

/**
 * MasterContext is what the composition root (master.ts) hands to every
 * component: configuration, logger, database, event bus and metrics. Other
 * components (PKI, liveness, sessions, services) are added to the object
 * returned by createMaster and passed explicitly where needed.
 */
export interface MasterContext {
  config: MasterConfig;
  log: Logger;
  db: Db;
  provider: Provider;
  /** bulk runs the hot-path multi-row writes of the event log and the webhook queue. */
  bulk: BulkWriter;
  bus: EventBus;
  metrics: Metrics;
}
