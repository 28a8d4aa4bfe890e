import type { Context } from "koa";
import type { z } from "zod";

import type { Principal, Role } from "../services/principal.js";

export { ROLE_RANK, type Principal, type Role } from "../services/principal.js";

/** RequestInput is what a handler receives after validation. */
export interface RequestInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  principal: Principal | null;
  requestId: string;
  ctx: Context;
}

/**
 * RouteDef is one REST route. Every route is listed in http/registry.ts; the
 * router, the OpenAPI document and the role test are generated from the list.
 * The handler returns the JSON body (status 200 unless `status` is given) or
 * sets ctx.body itself and returns undefined.
 */
export interface RouteDef<B = unknown, Q = unknown, P = unknown> {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Koa-router path under /api/v1 unless `absolute`, e.g. "/nodes/:id". */
  path: string;
  absolute?: boolean;
  role: Role;
  summary: string;
  tag: string;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  /** Success status (default 200). */
  status?: number;
  /**
   * Response body schema (JSON) for the OpenAPI document. Every route whose
   * success answer has a body declares it, or names the other media types it
   * answers with in `produces`.
   */
  response?: z.ZodType;
  /** Non-JSON media types of the success answer, e.g. ["text/plain"] (the body is then written to ctx.body). */
  produces?: readonly string[];
  /** Audit action name for write routes (default derived from the path, e.g. "users.create"). */
  action?: string;
  /** Example path params for the generated role test, e.g. {id: "missing"}. */
  handler: (input: RequestInput<B, Q, P>) => Promise<unknown>;
}

/**
 * defineRoute keeps type inference for a route's schemas inside the
 * definition and returns it as a plain RouteDef, ready for the registry list.
 */
export function defineRoute<B, Q, P>(r: RouteDef<B, Q, P>): RouteDef {
  return r as unknown as RouteDef;
}
