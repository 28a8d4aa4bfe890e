import { z } from "zod";
import type { WebhookService } from "../../webhooks/service.js";
import { listResponseSchema, pageQuery } from "../paging.js";
import { defineRoute, type RouteDef } from "../route.js";
import { deletedSchema } from "../schemas/common.js";
import { deliveryQueuedSchema, webhookDeliverySchema, webhookSchema, webhookWithSecretSchema } from "../schemas/automation.js";

const idParams = z.object({ id: z.string().min(1).max(128) });
const deliveryParams = z.object({ id: z.string().min(1).max(128), delivery_id: z.string().min(1).max(128) });

const fields = {
  name: z.string().min(1).max(128),
  url: z.string().min(1).max(2048).describe("http(s) URL; no user:password part; loopback/private hosts need FLOTILLA_WEBHOOK_ALLOWED_HOSTS"),
  event_types: z.array(z.string().min(1).max(128)).min(1).max(64).describe('Event type globs, e.g. ["node.*", "scan.completed"]'),
  labels: z.string().max(2048).nullable().optional().describe("Label selector k=v,k2=v2: only events of matching nodes"),
  enabled: z.boolean().optional(),
};
const secretField = z.string().min(1).max(256).optional().describe("whsec_ + base64; generated when absent");

const createBody = z.object({ ...fields, secret: secretField }).strict();
const patchBody = z.object(fields).partial().strict();
const rotateBody = z.object({ secret: secretField }).strict();

/** createWebhookRoutes returns the webhook routes (admin only). */
export function createWebhookRoutes(svc: WebhookService): RouteDef[] {
  const base = { role: "admin" as const, tag: "webhooks" };
  return [
    defineRoute({
      ...base,
      method: "GET",
      path: "/webhooks",
      summary: "List webhooks",
      response: listResponseSchema(webhookSchema),
      query: pageQuery,
      handler: async ({ query }) => svc.list(query.limit, query.cursor),
    }),
    defineRoute({
      ...base,
      method: "POST",
      path: "/webhooks",
      status: 201,
      summary: "Create a webhook; the response carries the signing secret once",
      response: webhookWithSecretSchema,
      body: createBody,
      handler: async ({ body }) => svc.create(body),
    }),
    defineRoute({
      ...base,
      method: "GET",
      path: "/webhooks/:id",
      summary: "Get a webhook",
      response: webhookSchema,
      params: idParams,
      handler: async ({ params }) => svc.get(params.id),
    }),
    defineRoute({
      ...base,
      method: "PATCH",
      path: "/webhooks/:id",
      summary: "Update a webhook (re-enabling clears its failure state)",
      response: webhookSchema,
      params: idParams,
      body: patchBody,
      handler: async ({ params, body }) => svc.update(params.id, body),
    }),
    defineRoute({
      ...base,
      method: "DELETE",
      path: "/webhooks/:id",
      summary: "Delete a webhook and its delivery log",
      response: deletedSchema,
      params: idParams,
      handler: async ({ params }) => svc.remove(params.id),
    }),
    defineRoute({
      ...base,
      method: "GET",
      path: "/webhooks/:id/deliveries",
      summary: "Delivery log, newest first, each with every attempt",
      response: listResponseSchema(webhookDeliverySchema),
      params: idParams,
      query: pageQuery,
      handler: async ({ params, query }) => svc.deliveries(params.id, query.limit, query.cursor),
    }),
    defineRoute({
      ...base,
      method: "POST",
      path: "/webhooks/:id/test",
      status: 202,
      summary: "Queue a synthetic webhook.test delivery",
      response: deliveryQueuedSchema,
      params: idParams,
      handler: async ({ params }) => svc.test(params.id),
    }),
    defineRoute({
      ...base,
      method: "POST",
      path: "/webhooks/:id/deliveries/:delivery_id/redeliver",
      status: 202,
      summary: "Queue a delivery again (same webhook-id)",
      response: deliveryQueuedSchema,
      params: deliveryParams,
      handler: async ({ params }) => svc.redeliver(params.id, params.delivery_id),
    }),
    defineRoute({
      ...base,
      method: "POST",
      path: "/webhooks/:id/rotate-secret",
      summary: "Rotate the signing secret; the old one keeps signing for 24 h",
      response: webhookWithSecretSchema,
      params: idParams,
      body: rotateBody,
      handler: async ({ params, body }) => svc.rotateSecret(params.id, body.secret),
    }),
  ];
}
