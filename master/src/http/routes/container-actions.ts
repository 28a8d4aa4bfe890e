import { create } from "@bufbuild/protobuf";
import { errors, FlotillaError } from "@flotilla/shared";
import { CommandSchema, type Command } from "@flotilla/shared/gen/flotilla/v1/commands_pb.js";
import { z } from "zod";
import type { CommandRecorder, CommandRun } from "../../commands/recorder.js";
import { commandSchema } from "../../commands/routes.js";
import type { ContainerInventoryPort, TargetResolver } from "../../commands/target.js";
import { commandView, type CommandView } from "../../commands/records.js";
import { defineRoute, type Principal, type RouteDef } from "../route.js";

/** ACTION_LIMITS bound container actions and log reads. */
export const ACTION_LIMITS = {
  /** How long POST .../actions waits for the result before answering 202 with the running record. */
  waitMs: 15_000,
  /** Command timeout beyond the stop grace period when the body gives none. */
  marginMs: 15_000,
  /** Engine default grace period (stop/restart) when the body gives none. */
  defaultStopSeconds: 10,
  /** Timeout of one logs read. */
  logsTimeoutMs: 20_000,
  defaultTail: 100,
  maxTail: 10_000,
};

const params = z.object({ id: z.string().min(1).max(128), cid: z.string().min(1).max(256) });

const actionBody = z.object({
  action: z.enum(["start", "stop", "restart"]),
  stop_timeout_seconds: z.number().int().min(0).max(3_600).optional().describe("Grace period before the engine kills the container (stop, restart)"),
  timeout_seconds: z.number().int().min(1).max(3_600).optional().describe("Command timeout (default: grace period + 15 s)"),
}).strict();

/** parseSince accepts RFC 3339 or Unix seconds; returns milliseconds. */
export function parseSince(raw: string): number | null {
  if (/^\d{1,12}(\.\d+)?$/.test(raw)) return Math.floor(Number(raw) * 1000);
  if (!/^\d{4}-\d\d-\d\dT/.test(raw)) return null;
  const ms = Date.parse(raw);
  return Number.isFinite(ms) ? ms : null;
}

/** logsQuery is the `tail`/`since` query of the logs routes (also used by the follow socket). */
export const logsQuery = z.object({
  tail: z.coerce.number().int().min(0).max(ACTION_LIMITS.maxTail).default(ACTION_LIMITS.defaultTail).describe("Lines from the end (0 = none before `since`, max 10000)"),
  since: z.string().max(64).refine((s) => parseSince(s) !== null, "RFC 3339 time or Unix seconds").optional(),
});

const lineSchema = z.object({ stream: z.enum(["stdout", "stderr"]), text: z.string(), ts: z.string() });
const logsResponse = z.object({ lines: z.array(lineSchema), truncated: z.boolean() });

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** requesterOf names the requester of a command and scopes its idempotency keys. */
export function requesterOf(p: Principal | null): { requestedBy: string; idempotencyScope: string } {
  return { requestedBy: p?.username ?? "anonymous", idempotencyScope: p ? (p.apiKeyId ? `key:${p.apiKeyId}` : `user:${p.userId}`) : "anonymous" };
}

/** outcome maps a finished action record to the REST answer: refusals become errors, anything that ran is the record. */
function outcome(r: CommandView): CommandView {
  const ref = `(command ${r.id})`;
  if (r.error_code === "permission_denied") throw new FlotillaError("permission_denied", `container actions are disabled on this worker ${ref}`);
  if (r.error_code === "not_found") throw new FlotillaError("not_found", `container not found on the node ${ref}`);
  if (r.error_code === "invalid_argument") throw errors.invalid(`${r.error_message ?? "rejected by the worker"} ${ref}`);
  if (r.error_code === "unavailable" && !r.sent_at) throw new FlotillaError("unavailable", `${r.error_message ?? "node unavailable"} ${ref}`);
  return r;
}

/**
 * createContainerActionRoutes serves container actions (operator) and log
 * reads (viewer), both sent to the worker as recorded commands.
 */
export function createContainerActionRoutes(deps: { recorder: CommandRecorder; targets: TargetResolver; containers: ContainerInventoryPort }): RouteDef[] {
  const { recorder, targets } = deps;
  return [
    defineRoute({
      method: "POST", path: "/nodes/:id/containers/:cid/actions", role: "operator", tag: "containers",
      action: "containers.action",
      summary: "Start, stop or restart a container; answers the command record (Idempotency-Key supported)",
      params,
      body: actionBody,
      response: commandSchema,
      handler: async ({ params: p, body, principal, requestId, ctx }) => {
        const rawKey = ctx.get("idempotency-key");
        if (rawKey && !IDEMPOTENCY_KEY.test(rawKey)) {
          throw errors.invalid("invalid Idempotency-Key", [{ field: "Idempotency-Key", message: "1-200 visible ASCII characters" }]);
        }
        const who = { ...requesterOf(principal), ...(rawKey ? { idempotencyKey: rawKey } : {}) };
        const target = await targets.resolve(p.id, p.cid);
        const earlier = await recorder.earlier(who);
        if (earlier) return outcome(earlier.record);
        targets.requireConnected(p.id);
        const stopSeconds = body.stop_timeout_seconds;
        const timeoutMs = body.timeout_seconds !== undefined ? body.timeout_seconds * 1000 : (stopSeconds ?? ACTION_LIMITS.defaultStopSeconds) * 1000 + ACTION_LIMITS.marginMs;
        const command: Command = create(CommandSchema, {
          kind: { case: "containerAction", value: { containerId: target.container.id, action: body.action, stopTimeoutSeconds: stopSeconds ?? 0 } },
        });
        const run = recorder.runCommand(p.id, command, { ...who, requestId, timeoutMs }).then(async (r: CommandRun) => {
          const info = r.result?.result.case === "containerAction" ? r.result.result.value.container : undefined;
          if (info) await deps.containers.applyContainer(p.id, info);
          return r;
        });
        let timer: NodeJS.Timeout | undefined;
        const waited = await Promise.race([run, new Promise<null>((ok) => (timer = setTimeout(() => ok(null), ACTION_LIMITS.waitMs)))]).finally(() => clearTimeout(timer));
        if (waited) return outcome(waited.record);
        run.catch(() => undefined);
        ctx.status = 202;
        ctx.body = commandView(await recorder.records.get(command.id));
        return undefined;
      },
    }),
    defineRoute({
      method: "GET", path: "/nodes/:id/containers/:cid/logs", role: "viewer", tag: "containers",
      summary: "Read a container's last log lines (tail default 100, max 10000; since = RFC 3339 or Unix seconds)",
      params,
      query: logsQuery,
      response: logsResponse,
      handler: async ({ params: p, query, principal, requestId }) => {
        const target = await targets.resolve(p.id, p.cid);
        targets.requireConnected(p.id);
        const since = query.since ? parseSince(query.since)! : 0;
        if (query.tail === 0 && !since) return { lines: [], truncated: false };
        const command = create(CommandSchema, {
          kind: { case: "containerLogs", value: { containerId: target.container.id, tail: query.tail, sinceMs: BigInt(since), follow: false } },
        });
        const { record, result } = await recorder.runCommand(p.id, command, { ...requesterOf(principal), requestId, timeoutMs: ACTION_LIMITS.logsTimeoutMs });
        if (record.status !== "succeeded" || result?.result.case !== "containerLogs") {
          const code = record.error_code && FlotillaError.isCode(record.error_code) ? record.error_code : "unavailable";
          throw new FlotillaError(code === "internal" ? "unavailable" : code, `reading logs failed: ${record.error_message ?? record.status} (command ${record.id})`);
        }
        const v = result.result.value;
        return {
          lines: v.lines.map((l) => ({ stream: l.stream === "stderr" ? "stderr" : "stdout", text: l.text, ts: new Date(Number(l.tsMs)).toISOString() })),
          truncated: v.truncated,
        };
      },
    }),
  ];
}
