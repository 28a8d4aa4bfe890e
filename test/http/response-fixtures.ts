import { strict as assert } from "node:assert";
import type { z } from "zod";
import { fullPath } from "../../master/src/http/middleware/route-match.js";
import { toOpenApiPath } from "../../master/src/http/openapi.js";
import type { RouteDef } from "../../master/src/http/route.js";
import { LABEL, runContainer } from "../containers/harness.js";
import { startMaster, startWorker, waitFor, type MasterProc, type Proc } from "../helpers/processes.js";
import { startReceiver, type Receiver } from "../helpers/receiver.js";

/** OpenApiDoc is the part of openapi.json the response checks read. */
export interface OpenApiDoc {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> }>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

/**
 * checkBody validates a real answer against a route's declared schema. It
 * fails on a wrong type or a missing field, and on a field the schema does
 * not declare (zod drops undeclared keys, so the parsed value then differs).
 */
export function checkBody(schema: z.ZodType, body: unknown): string | null {
  const r = schema.safeParse(body);
  if (!r.success) return r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
  try {
    assert.deepStrictEqual(r.data, body);
  } catch {
    return `undeclared fields: ${undeclared(r.data, body).join(", ")}`;
  }
  return null;
}

function undeclared(parsed: unknown, raw: unknown, at = ""): string[] {
  if (Array.isArray(raw) && Array.isArray(parsed)) return raw.flatMap((v, i) => undeclared(parsed[i], v, `${at}${i}.`));
  if (!raw || typeof raw !== "object" || !parsed || typeof parsed !== "object") return [];
  const p = parsed as Record<string, unknown>;
  return Object.entries(raw).flatMap(([k, v]) => (k in p ? undeclared(p[k], v, `${at}${k}.`) : [`${at}${k}`]));
}

/** RouteIndex finds the registry route serving a concrete URL path. */
export interface RouteIndex {
  find(method: string, path: string): RouteDef | undefined;
}

/** indexRoutes matches concrete paths to route templates; static segments win over parameters. */
export function indexRoutes(routes: RouteDef[]): RouteIndex {
  const entries = routes.map((r) => {
    const template = toOpenApiPath(fullPath(r));
    const re = new RegExp(`^${template.replace(/[.+?^$()[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`);
    return { r, re, params: (template.match(/\{/g) ?? []).length };
  });
  return {
    find(method, path) {
      const bare = path.split("?")[0]!;
      return entries
        .filter((e) => e.r.method === method && e.re.test(bare))
        .sort((a, b) => a.params - b.params)
        .map((e) => e.r)[0];
    },
  };
}

/** RealFleet is a real master with one real worker on the local Docker engine, and the ids of what it holds. */
export interface RealFleet {
  master: MasterProc;
  worker: Proc;
  receiver: Receiver;
  nodeId: string;
  containerId: string;
  cleanup(): Promise<void>;
}

/**
 * startRealFleet starts a master (webhooks may target 127.0.0.1) and a worker
 * enrolled with a join token, reporting metrics every second and the
 * containers of the local engine, with one labelled busybox container running.
 */
export async function startRealFleet(): Promise<RealFleet> {
  const receiver = await startReceiver();
  const master = await startMaster({ args: ["--webhook-allowed-hosts", "127.0.0.1"] });
  const containerId = runContainer("sleep 600");
  const tok = await master.api.post<{ token: string }>("/enrollment-tokens", { name: "schemas", max_uses: 1, labels: { role: "schemas" } });
  const worker = startWorker(master, { token: tok.token, args: ["--docker-socket", "/var/run/docker.sock", "--metrics-interval", "1s"] });
  const cleanup = async () => {
    await worker.kill("SIGKILL");
    await master.cleanup();
    await receiver.close();
  };
  try {
    const rec = await worker.waitForLog((r) => r.msg === "connected to master" && typeof r.node_id === "string", 30_000);
    const nodeId = rec.node_id as string;
    await waitFor(async () => (await master.api.get<{ status: string }>(`/nodes/${nodeId}`)).status === "online", 15_000, "node online");
    return { master, worker, receiver, nodeId, containerId, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/** CONTAINER_LABEL is the label on every container the fixtures start (removed afterwards). */
export const CONTAINER_LABEL = LABEL;
