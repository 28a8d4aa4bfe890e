import type { MasterContext } from "../context.js";
import type { NodeControl } from "../node-control.js";
import type { ApiKeyService } from "../services/api-keys.js";
import type { AuditService } from "../services/audit.js";
import type { AuthService } from "../services/auth.js";
import type { UserService } from "../services/users.js";
import type { WsTicketService } from "../services/ws-tickets.js";
import type { Authenticator } from "./auth/authenticator.js";
import type { LoginLimiter, LoginLimits } from "./auth/rate-limit.js";
import type { TokenSigner } from "./auth/tokens.js";
import type { RouteDef } from "./route.js";
import { apiKeyRoutes } from "./routes/api-keys.js";
import { auditRoutes } from "./routes/audit.js";
import { authRoutes } from "./routes/auth.js";
import { healthRoutes } from "./routes/health.js";
import { metaRoutes } from "./routes/meta.js";
import { userRoutes } from "./routes/users.js";
import { createJoinTokenRoutes } from "./routes/enrollment-tokens.js";
import { createEventRoutes } from "./routes/events.js";
import { createFleetRoutes } from "./routes/fleet.js";
import { createNodeRoutes } from "./routes/nodes.js";
import { createPkiRoutes } from "./routes/pki.js";
import { createDownloadRoutes } from "./routes/downloads.js";
import { createArtifacts, type Artifacts } from "../downloads/artifacts.js";
import { createWsTicketRoutes } from "./ws/ticket-routes.js";

/** HttpDeps is what the composition root hands to the HTTP app besides the context. */
export interface HttpDeps {
  /** isReady gates GET /ready: true once the database and gRPC listener are up. */
  isReady(): boolean;
  nodeControl: NodeControl;
  pki: { caPem: string; caFingerprint: string };
  /** Address workers should dial, HOST:PORT (join commands), or a function once the port is bound. */
  grpcAdvertiseAddr: string | (() => string);
  /** Downloads served to new hosts (install.sh, worker artifact); read from the build output when omitted. */
  artifacts?: Artifacts;
  /** Ticket store shared with attachWebSocket (created by createHttpApp when omitted). */
  wsTickets?: WsTicketService;
  /** Login rate limits (tests lower them). */
  loginLimits?: Partial<LoginLimits>;
  /** Directory of the built UI (default ui/dist of the repository). */
  uiDir?: string;
  /** Telemetry pipeline (master/src/telemetry) whose metrics and container routes are served. */
  telemetry?: { routes: RouteDef[] };
  /** Command records and container operations (master/src/commands) whose routes are served. */
  containerOps?: { routes: RouteDef[] };
  /** Scans component (master/src/scans) whose scan, finding, scanner, census and schedule routes are served. */
  scans?: { routes: RouteDef[] };
  /** Outbound automation (webhooks, notification channels, alerts, notifications) whose routes are served. */
  automation?: { routes: RouteDef[] };
}

/** CoreServices are built by createHttpApp and shared by the core routes. */
export interface CoreServices {
  users: UserService;
  auth: AuthService;
  apiKeys: ApiKeyService;
  audit: AuditService;
  tokens: TokenSigner;
  authenticator: Authenticator;
  loginLimiter: LoginLimiter;
  wsTickets: WsTicketService;
}

/** RouteDeps is what every route factory receives. */
export interface RouteDeps extends HttpDeps {
  core: CoreServices;
  /** routes returns the full, final route list (for the OpenAPI document). */
  routes(): RouteDef[];
}

/** RouteFactory builds one resource's routes. */
export type RouteFactory = (ctx: MasterContext, deps: RouteDeps) => RouteDef[];

/**
 * ROUTES lists every REST resource. The router, the OpenAPI document and the
 * generated role and hostile-input tests all come from this list: add a
 * resource by appending its factory.
 */
export const ROUTES: RouteFactory[] = [
  healthRoutes,
  metaRoutes,
  authRoutes,
  userRoutes,
  apiKeyRoutes,
  auditRoutes,
  (ctx, deps) => createJoinTokenRoutes(ctx, deps),
  (ctx, deps) => createNodeRoutes(ctx, deps),
  (ctx) => createFleetRoutes(ctx),
  (ctx) => createEventRoutes(ctx),
  (_ctx, deps) => createPkiRoutes(deps),
  (_ctx, deps) => createDownloadRoutes({ artifacts: deps.artifacts!, grpcAdvertiseAddr: () => (typeof deps.grpcAdvertiseAddr === "function" ? deps.grpcAdvertiseAddr() : deps.grpcAdvertiseAddr) }),
  (_ctx, deps) => createWsTicketRoutes(deps.core.wsTickets),
  (_ctx, deps) => deps.telemetry?.routes ?? [],
  (_ctx, deps) => deps.scans?.routes ?? [],
  (_ctx, deps) => deps.containerOps?.routes ?? [],
  (_ctx, deps) => deps.automation?.routes ?? [],
];

/** buildRoutes instantiates every factory of {@link ROUTES}. */
export function buildRoutes(ctx: MasterContext, deps: Omit<RouteDeps, "routes">): RouteDef[] {
  const all: RouteDef[] = [];
  const full: RouteDeps = { ...deps, artifacts: deps.artifacts ?? createArtifacts(), routes: () => all };
  for (const factory of ROUTES) all.push(...factory(ctx, full));
  return all;
}
