import type { CommandRecords } from "../commands/records.js";
import type { AlertService } from "../alerts/service.js";
import type { MasterContext } from "../context.js";
import type { ChannelService } from "../notify/channels.js";
import type { Artifacts } from "../downloads/artifacts.js";
import type { NodeControl } from "../node-control.js";
import type { CensusService } from "../scans/census.js";
import type { FindingService } from "../scans/findings.js";
import type { ScanService } from "../scans/scan-service.js";
import type { ScheduleService } from "../scans/schedules.js";
import type { ApiKeyService } from "../services/api-keys.js";
import type { AuditService } from "../services/audit.js";
import type { AuthService } from "../services/auth.js";
import type { ContainerService } from "../services/containers.js";
import type { LiveStreams } from "../services/live-streams.js";
import type { RefusalTally } from "../services/refusal-tally.js";
import type { UserService } from "../services/users.js";
import type { WsTicketService } from "../services/ws-tickets.js";
import type { SeriesStore } from "../telemetry/series-store.js";
import type { ContainerActions } from "../containers/actions.js";
import type { WebhookService } from "../webhooks/service.js";
import type { Authenticator } from "./auth/authenticator.js";
import type { LoginLimiter } from "./auth/rate-limit.js";
import type { TokenSigner } from "./auth/tokens.js";
import type { RouteDef } from "./route.js";

/** CoreServices are the identity services every authenticated route relies on. */
export interface CoreServices {
  users: UserService;
  auth: AuthService;
  apiKeys: ApiKeyService;
  audit: AuditService;
  tokens: TokenSigner;
  authenticator: Authenticator;
  loginLimiter: LoginLimiter;
  wsTickets: WsTicketService;
  /** streams is the registry of open WebSocket streams, closed when their credentials are revoked. */
  streams: LiveStreams;
  /** refusals aggregates rate-limited requests into one audit entry per action, source and minute. */
  refusals: RefusalTally;
}

/** TelemetryServices are the metrics and container inventory reads. */
export interface TelemetryServices {
  store: SeriesStore;
  containers: ContainerService;
}

/** ScanServices are the scans component's services. */
export interface ScanServices {
  scans: ScanService;
  findings: FindingService;
  census: CensusService;
  schedules: ScheduleService;
}

/**
 * Services is the one typed record every route factory receives. The
 * composition root (master.ts) builds it; the HTTP app only serves it.
 */
export interface Services {
  ctx: MasterContext;
  core: CoreServices;
  /** isReady gates GET /ready: true once the gRPC listener is up and while the database answers. */
  isReady(): boolean | Promise<boolean>;
  nodeControl: NodeControl;
  pki: { caPem: string; caFingerprint: string };
  /** Address workers should dial, HOST:PORT (join commands), resolved once the port is bound. */
  grpcAdvertiseAddr: () => string;
  /** Downloads served to new hosts (install.sh, worker artifact). */
  artifacts: Artifacts;
  telemetry: TelemetryServices;
  commands: CommandRecords;
  containers: ContainerActions;
  scans: ScanServices;
  webhooks: WebhookService;
  /** The alerts component's services: rules, alerts, silences, notifications, and notification channels. */
  alerts: AlertService;
  channels: ChannelService;
  /** routes returns the full, final route list (for the OpenAPI document). */
  routes(): RouteDef[];
}

/** RouteFactory builds one resource's routes from the services. */
export type RouteFactory = (s: Services) => RouteDef[];
