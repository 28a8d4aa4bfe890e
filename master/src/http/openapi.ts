import { AGENT_VERSION } from "@flotilla/shared";
import { z } from "zod";
import { auditAction } from "./middleware/audit-action.js";
import { fullPath } from "./middleware/route-match.js";
import type { RouteDef } from "./route.js";

type Json = Record<string, unknown>;

const ERROR_STATUSES: Record<string, string> = {
  "400": "Invalid argument",
  "401": "Unauthenticated",
  "403": "Permission denied",
  "404": "Not found",
  "409": "Conflict",
  "413": "Request body too large",
  "415": "Unsupported media type",
  "429": "Rate limited",
};

/** toOpenApiPath turns `/nodes/:id` into `/nodes/{id}`. */
export function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
}

/** operationId derives a stable id from a route, e.g. `users.create`, `users.list`. */
export function operationId(r: RouteDef): string {
  if (r.method !== "GET") return auditAction(r);
  const segs = r.path.split("/").filter(Boolean);
  const statics = segs.filter((s) => !s.startsWith(":")).map((s) => s.replace(/[^A-Za-z0-9_-]/g, "") || "root");
  return [...statics, segs[segs.length - 1]?.startsWith(":") ? "get" : "list"].join(".");
}

const isBinary = (type: string) => type === "application/octet-stream";

function schemaOf(s: z.ZodType, io: "input" | "output"): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: "any" }) as Json;
  return rest;
}

function parametersOf(schema: z.ZodType | undefined, where: "path" | "query"): Json[] {
  if (!schema) return [];
  const js = schemaOf(schema, "input");
  const props = (js.properties ?? {}) as Record<string, Json>;
  const required = new Set((js.required ?? []) as string[]);
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: where,
    required: where === "path" || required.has(name),
    schema: s,
    ...(typeof s.description === "string" ? { description: s.description } : {}),
  }));
}

function pathParamsFallback(r: RouteDef): Json[] {
  return [...r.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
}

/**
 * buildOpenApi generates the OpenAPI 3.1 document from the route registry;
 * request and response schemas come from the same zod schemas that validate.
 */
export function buildOpenApi(routes: RouteDef[]): Json {
  const paths: Record<string, Record<string, Json>> = {};
  const schemas: Record<string, Json> = {
    Error: {
      type: "object",
      required: ["error", "code", "request_id"],
      properties: {
        error: { type: "string" },
        code: {
          type: "string",
          enum: ["invalid_argument", "unauthenticated", "permission_denied", "not_found", "conflict", "rate_limited", "unavailable", "internal"],
        },
        request_id: { type: "string" },
        details: {
          type: "array",
          items: { type: "object", required: ["field", "message"], properties: { field: { type: "string" }, message: { type: "string" } } },
        },
      },
    },
  };
  for (const r of routes) {
    const id = operationId(r);
    const op: Json = { operationId: id, summary: r.summary, tags: [r.tag], "x-flotilla-role": r.role };
    const params = [...(r.params ? parametersOf(r.params, "path") : pathParamsFallback(r)), ...parametersOf(r.query, "query")];
    if (params.length) op.parameters = params;
    if (r.body) {
      schemas[`${id}.request`] = schemaOf(r.body, "input");
      op.requestBody = { required: true, content: { "application/json": { schema: { $ref: `#/components/schemas/${id}.request` } } } };
    }
    const status = String(r.status ?? 200);
    const ok: Json = { description: status === "204" ? "No content" : "Success" };
    const content: Record<string, Json> = {};
    if (r.response) {
      schemas[`${id}.response`] = schemaOf(r.response, "output");
      content["application/json"] = { schema: { $ref: `#/components/schemas/${id}.response` } };
    }
    for (const type of r.produces ?? []) content[type] = { schema: { type: "string", ...(isBinary(type) ? { format: "binary" } : {}) } };
    if (Object.keys(content).length) ok.content = content;
    const responses: Record<string, Json> = { [status]: ok };
    const errs = new Set(["400", "404"]);
    if (r.body || r.method !== "GET") ["413", "415"].forEach((s) => errs.add(s));
    if (r.role !== "public") ["401", "403"].forEach((s) => errs.add(s));
    if (r.method !== "GET") errs.add("409");
    if (r.path === "/auth/login") errs.add("429");
    for (const s of [...errs].sort())
      responses[s] = { description: ERROR_STATUSES[s], content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
    responses["500"] = { description: "Internal error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
    op.responses = responses;
    op.security = r.role === "public" ? [] : [{ bearer: [] }, { apiKey: [] }, { cookie: [] }];
    (paths[toOpenApiPath(fullPath(r))] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Flotilla API",
      version: AGENT_VERSION,
      description: "REST API of the Flotilla master. Errors use the Error envelope; lists use items + page.",
    },
    servers: [{ url: "/" }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "Access token (JWT) from POST /api/v1/auth/login, or an API key" },
        apiKey: { type: "apiKey", in: "header", name: "X-API-Key" },
        cookie: { type: "apiKey", in: "cookie", name: "flotilla_session", description: "Session cookie; unsafe methods also need X-CSRF-Token" },
      },
    },
  };
}
