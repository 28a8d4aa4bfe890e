import { dbQueryCount } from "../db/client.js";
import { Counter, Gauge, Histogram, collectDefaultMetrics } from "prom-client";
import { TextRegistry } from "./text-registry.js";

/**
 * createMetrics builds the master's one Prometheus registry with every metric
 * the master exports (SPEC §6). Components receive the typed handles.
 */
export function createMetrics() {
  const registry = new TextRegistry();
  collectDefaultMetrics({ register: registry });
  const m = {
    registry,
    nodes: new Gauge({ name: "flotilla_nodes", help: "Nodes by liveness status.", labelNames: ["status"] as const, registers: [registry] }),
    enrollments: new Counter({
      name: "flotilla_enrollments_total",
      help: "Enrollment attempts by outcome.",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: "flotilla_rate_limited_requests_total",
      help: "Requests refused by a rate limit (counted, not stored one by one), by surface.",
      labelNames: ["surface"] as const,
      registers: [registry],
    }),
    grpcConnectionsRefused: new Counter({
      name: "flotilla_grpc_connections_refused_total",
      help: "gRPC connections closed at accept: too many open from one source address.",
      registers: [registry],
    }),
    heartbeats: new Counter({ name: "flotilla_heartbeats_total", help: "Heartbeats received from workers.", registers: [registry] }),
    grpcHandled: new Counter({
      name: "grpc_server_handled_total",
      help: "RPCs completed on the server, by status code.",
      labelNames: ["grpc_service", "grpc_method", "grpc_type", "grpc_code"] as const,
      registers: [registry],
    }),
    grpcSeconds: new Histogram({
      name: "grpc_server_handling_seconds",
      help: "Time to handle RPCs on the server.",
      labelNames: ["grpc_service", "grpc_method", "grpc_type"] as const,
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
      registers: [registry],
    }),
    httpSeconds: new Histogram({
      name: "http_request_duration_seconds",
      help: "HTTP request duration.",
      labelNames: ["method", "route", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [registry],
    }),
    websocketConnections: new Gauge({ name: "flotilla_websocket_connections", help: "Open WebSocket connections.", registers: [registry] }),
    events: new Counter({ name: "flotilla_events_total", help: "Events published, by type.", labelNames: ["type"] as const, registers: [registry] }),
    webhookDeliveries: new Counter({
      name: "flotilla_webhook_deliveries_total",
      help: "Webhook delivery attempts by outcome (success, retry, dead).",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    webhookQueueDepth: new Gauge({
      name: "flotilla_webhook_queue_depth",
      help: "Webhook deliveries waiting to be delivered or retried.",
      registers: [registry],
    }),
    alerts: new Gauge({
      name: "flotilla_alerts",
      help: "Alerts not resolved, by state and severity.",
      labelNames: ["state", "severity"] as const,
      registers: [registry],
    }),
    dbQueries: new Counter({
      name: "flotilla_db_queries_total",
      help: "Database operations run by this master (each Prisma operation; a batch transaction counts its parts).",
      registers: [registry],
      collect() {
        this.reset();
        this.inc(dbQueryCount());
      },
    }),
    grpcStreams: new Gauge({ name: "flotilla_grpc_sessions", help: "Open worker command streams.", registers: [registry] }),
  };
  return m;
}

/** Metrics is the master's registry with typed metric handles. */
export type Metrics = ReturnType<typeof createMetrics>;
