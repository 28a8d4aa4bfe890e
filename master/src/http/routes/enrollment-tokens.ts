import { lookup } from "node:dns/promises";
import { hostname } from "node:os";
import { formatHostPort } from "@flotilla/shared";
import { z } from "zod";
import type { MasterContext } from "../../context.js";
import { listResponseSchema, mapPage, pageQueryShape } from "../paging.js";
import { defineRoute, type RouteDef } from "../route.js";
import { baseUrl, createArtifacts, EXECUTABLE_TARGETS, joinCommand, type Artifacts } from "../../downloads/artifacts.js";
import {
  createJoinTokenService,
  ENROLLMENT_OUTCOMES,
  JOIN_TOKEN_LIMITS as L,
  tokenStatus,
  type EnrollmentAttemptRecord,
  type JoinTokenRecord,
} from "../../services/join-tokens.js";
import { enrollmentAttemptSchema, joinTokenSchema, joinTokenWithCommandSchema } from "../schemas/nodes.js";

/** JoinTokenRouteDeps: the CA the tokens pin and the gRPC address workers should dial. */
export interface JoinTokenRouteDeps {
  pki: { caPem: string; caFingerprint: string };
  /** HOST:PORT, or a function for when the port is only known after binding. */
  grpcAdvertiseAddr: string | (() => string);
  /** The worker artifact whose SHA-256 join commands carry. */
  artifacts?: Artifacts;
}

const idParams = z.object({ id: z.string().min(1).max(64) });

const createBody = z
  .object({
    name: z.string().max(128).optional(),
    ttl_seconds: z.number().int().min(L.minTtlSeconds).max(L.maxTtlSeconds).optional(),
    max_uses: z.number().int().min(0).max(L.maxUses).optional(),
    labels: z.record(z.string(), z.string()).optional(),
  })
  .strict();

/** tokenView renders a join token without its secret. */
export function tokenView(t: JoinTokenRecord) {
  return {
    id: t.id,
    name: t.name,
    labels: JSON.parse(t.labels) as Record<string, string>,
    max_uses: t.maxUses,
    uses: t.uses,
    expires_at: t.expiresAt.toISOString(),
    revoked_at: t.revokedAt?.toISOString() ?? null,
    created_at: t.createdAt.toISOString(),
    created_by: t.createdBy,
    status: tokenStatus(t),
  };
}

/** attemptView renders one enrollment attempt. */
export function attemptView(a: EnrollmentAttemptRecord) {
  return {
    id: a.id,
    token_id: a.tokenId,
    node_id: a.nodeId,
    outcome: a.outcome,
    reason: a.reason,
    source_addr: a.sourceAddr,
    hostname: a.hostname,
    machine_id: a.machineId,
    /** Attempts this row stands for: rate-limited refusals from one source are aggregated per minute. */
    count: a.count,
    created_at: a.createdAt.toISOString(),
  };
}

/**
 * resolveGrpcAdvertiseAddr is the HOST:PORT put in join commands: the
 * configured advertise address, else the bound gRPC address with a wildcard
 * host replaced by this host's name when it resolves, or 127.0.0.1.
 */
export async function resolveGrpcAdvertiseAddr(
  config: { advertiseGrpcAddr?: string; grpcAddr: { host: string } },
  boundPort: number,
): Promise<string> {
  if (config.advertiseGrpcAddr) return config.advertiseGrpcAddr;
  let host = config.grpcAddr.host;
  if (host === "0.0.0.0" || host === "::" || host === "") {
    const name = hostname();
    host = await lookup(name).then(
      () => name,
      () => "127.0.0.1",
    );
  }
  return formatHostPort(host, boundPort);
}

/** createJoinTokenRoutes returns the join token and enrollment attempt routes (admin). */
export function createJoinTokenRoutes(ctx: MasterContext, deps: JoinTokenRouteDeps): RouteDef<any, any, any>[] {
  const svc = createJoinTokenService(ctx, { caFingerprint: deps.pki.caFingerprint });
  const artifacts = deps.artifacts ?? createArtifacts();
  const withCommand = (t: JoinTokenRecord, origin: string, token?: string) => {
    const sha256 = artifacts.worker()?.sha256;
    // The master builds the executable of its own platform; hosts of another have Node or fail clearly.
    const exeSha256 = EXECUTABLE_TARGETS.map((target) => artifacts.executable(target)?.sha256).find(Boolean);
    return {
      ...tokenView(t),
      ...(token ? { token } : {}),
      join_command: joinCommand({ url: origin, ...(token ? { token } : {}), ...(sha256 ? { sha256 } : {}), ...(exeSha256 ? { exeSha256 } : {}) }),
    };
  };
  return [
    defineRoute({
      method: "GET",
      path: "/enrollment-tokens",
      role: "admin",
      tag: "enrollment",
      summary: "List join tokens, newest first",
      response: listResponseSchema(joinTokenSchema),
      query: z.object(pageQueryShape),
      handler: async ({ query }) => mapPage(await svc.list(query), tokenView),
    }),
    defineRoute({
      method: "POST",
      path: "/enrollment-tokens",
      role: "admin",
      tag: "enrollment",
      status: 201,
      summary: "Create a join token; the response carries the token string once and a ready join command",
      response: joinTokenWithCommandSchema,
      body: createBody,
      handler: async ({ body, principal, ctx }) => {
        const { row, token } = await svc.create({
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.ttl_seconds !== undefined ? { ttlSeconds: body.ttl_seconds } : {}),
          ...(body.max_uses !== undefined ? { maxUses: body.max_uses } : {}),
          ...(body.labels !== undefined ? { labels: body.labels } : {}),
          ...(principal ? { createdBy: principal.userId } : {}),
        });
        return withCommand(row, baseUrl(ctx), token);
      },
    }),
    defineRoute({
      method: "GET",
      path: "/enrollment-tokens/:id",
      role: "admin",
      tag: "enrollment",
      summary: "Get a join token",
      response: joinTokenWithCommandSchema,
      params: idParams,
      handler: async ({ params, ctx }) => withCommand(await svc.get(params.id), baseUrl(ctx)),
    }),
    defineRoute({
      method: "DELETE",
      path: "/enrollment-tokens/:id",
      role: "admin",
      tag: "enrollment",
      summary: "Revoke a join token (the record is kept)",
      response: joinTokenSchema,
      params: idParams,
      handler: async ({ params }) => tokenView(await svc.revoke(params.id)),
    }),
    defineRoute({
      method: "GET",
      path: "/enrollment-attempts",
      role: "admin",
      tag: "enrollment",
      summary: "List enrollment attempts, newest first",
      response: listResponseSchema(enrollmentAttemptSchema),
      query: z.object({ ...pageQueryShape, outcome: z.enum(ENROLLMENT_OUTCOMES).optional(), token_id: z.string().min(1).max(64).optional() }),
      handler: async ({ query }) =>
        mapPage(
          await svc.listAttempts({
            limit: query.limit,
            ...(query.cursor ? { cursor: query.cursor } : {}),
            ...(query.outcome ? { outcome: query.outcome } : {}),
            ...(query.token_id ? { tokenId: query.token_id } : {}),
          }),
          attemptView,
        ),
    }),
  ];
}
