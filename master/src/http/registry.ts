import type { RouteDef } from "./route.js";
import { createAlertRoutes } from "./routes/alerts.js";
import { apiKeyRoutes } from "./routes/api-keys.js";
import { auditRoutes } from "./routes/audit.js";
import { authRoutes } from "./routes/auth.js";
import { createCensusRoutes } from "./routes/census.js";
import { createCommandRoutes } from "./routes/commands.js";
import { containerActionRoutes } from "./routes/container-actions.js";
import { createContainerRoutes } from "./routes/containers.js";
import { createDownloadRoutes } from "./routes/downloads.js";
import { createJoinTokenRoutes } from "./routes/enrollment-tokens.js";
import { createEventRoutes } from "./routes/events.js";
import { createFindingRoutes } from "./routes/findings.js";
import { createFleetRoutes } from "./routes/fleet.js";
import { healthRoutes } from "./routes/health.js";
import { metaRoutes } from "./routes/meta.js";
import { createMetricsRoutes } from "./routes/metrics.js";
import { createNodeRoutes } from "./routes/nodes.js";
import { createChannelRoutes } from "./routes/notification-channels.js";
import { createPkiRoutes } from "./routes/pki.js";
import { createScannerRoutes } from "./routes/scanners.js";
import { createScanRoutes } from "./routes/scans.js";
import { createScheduleRoutes } from "./routes/schedules.js";
import { userRoutes } from "./routes/users.js";
import { createWebhookRoutes } from "./routes/webhooks.js";
import type { RouteFactory, Services } from "./services.js";
import { createWsTicketRoutes } from "./ws/ticket-routes.js";

export type { CoreServices, RouteFactory, ScanServices, Services, TelemetryServices } from "./services.js";

/**
 * ROUTES lists every REST resource. The router, the OpenAPI document and the
 * generated role and hostile-input tests all come from this list: add a
 * resource by appending its factory. Each entry takes the one Services record.
 */
export const ROUTES: readonly RouteFactory[] = [
  healthRoutes,
  metaRoutes,
  authRoutes,
  userRoutes,
  apiKeyRoutes,
  auditRoutes,
  (s) => createJoinTokenRoutes(s.ctx, s),
  (s) => createNodeRoutes(s.ctx, s),
  (s) => createFleetRoutes(s.ctx),
  (s) => createEventRoutes(s.ctx),
  (s) => createPkiRoutes(s),
  (s) => createDownloadRoutes(s),
  (s) => createWsTicketRoutes(s.core.wsTickets),
  (s) => createMetricsRoutes(s.telemetry),
  (s) => createContainerRoutes(s.telemetry),
  (s) => createScanRoutes(s.scans.scans),
  (s) => createFindingRoutes(s.scans.findings),
  () => createScannerRoutes(),
  (s) => createCensusRoutes(s.scans.census),
  (s) => createScheduleRoutes(s.scans.schedules),
  (s) => createCommandRoutes(s.commands),
  containerActionRoutes,
  (s) => createWebhookRoutes(s.webhooks),
  (s) => createChannelRoutes(s.channels),
  (s) => createAlertRoutes(s.alerts),
];

/** buildRoutes instantiates every factory of {@link ROUTES}. */
export function buildRoutes(services: Omit<Services, "routes">): RouteDef[] {
  const all: RouteDef[] = [];
  const full: Services = { ...services, routes: () => all };
  for (const factory of ROUTES) all.push(...factory(full));
  return all;
}
