import { create } from "@bufbuild/protobuf";
import { FlotillaError } from "@flotilla/shared";
import { ContainerActionResultSchema } from "@flotilla/shared/gen/flotilla/v1/commands_pb.js";
import { ContainerInfoSchema, ContainerPortSchema, type ContainerInfo } from "@flotilla/shared/gen/flotilla/v1/telemetry_pb.js";
import type Docker from "dockerode";
import { defineHandler } from "./handler.js";

/** CONTAINER_ACTIONS are the actions a ContainerActionCommand may ask for. */
export const CONTAINER_ACTIONS = ["start", "stop", "restart"] as const;

/** dockerError maps an engine failure to the shared error codes (304 "already in that state" is not an error). */
export function dockerError(err: unknown, what: string): FlotillaError | null {
  if (err instanceof FlotillaError) return err;
  const status = (err as { statusCode?: number }).statusCode;
  const engineMessage = (err as { json?: { message?: string } }).json?.message;
  if (status === 304) return null;
  if (status === undefined) return new FlotillaError("unavailable", `docker engine unreachable: ${what}`, [], { cause: err });
  if (status === 404) return new FlotillaError("not_found", engineMessage || `container not found: ${what}`);
  if (status === 409) return new FlotillaError("conflict", engineMessage || `conflict: ${what}`);
  if (status >= 400 && status < 500) return new FlotillaError("invalid_argument", engineMessage || `rejected by the engine: ${what}`);
  return new FlotillaError("internal", engineMessage || `docker engine error: ${what}`, [], { cause: err });
}

/** inspectContainer reads one container the way the inventory lists it (same status text), plus its restart count. */
export async function inspectContainer(docker: Docker, id: string): Promise<ContainerInfo> {
  const [list, info] = await Promise.all([docker.listContainers({ all: true, filters: { id: [id] } }), docker.getContainer(id).inspect()]);
  const c = list.find((x) => x.Id === info.Id);
  return create(ContainerInfoSchema, {
    id: info.Id,
    name: (c?.Names?.[0] ?? info.Name ?? "").replace(/^\//, ""),
    image: c?.Image ?? info.Config?.Image ?? "",
    imageId: c?.ImageID ?? info.Image ?? "",
    state: c?.State ?? info.State?.Status ?? "",
    status: c?.Status ?? info.State?.Status ?? "",
    createdMs: c ? BigInt(c.Created) * 1000n : BigInt(Date.parse(info.Created) || 0),
    ports: (c?.Ports ?? []).map((p) =>
      create(ContainerPortSchema, { ip: p.IP ?? "", privatePort: p.PrivatePort, publicPort: p.PublicPort ?? 0, type: p.Type }),
    ),
    labels: c?.Labels ?? info.Config?.Labels ?? {},
    restartCount: info.RestartCount ?? 0,
  });
}

/**
 * containerAction answers ContainerActionCommand: start, stop (engine grace
 * period `stop_timeout_seconds`, then kill) or restart a container, and
 * returns it as inspected afterwards. Refused with `permission_denied` when
 * the worker runs with `--allow-container-actions=false`.
 */
export const containerAction = defineHandler({
  kind: "containerAction",
  capability: "container_action",
  async run(payload, ctx) {
    if (!ctx.config.allowContainerActions) throw new FlotillaError("permission_denied", "container actions are disabled on this worker");
    const action = payload.action as (typeof CONTAINER_ACTIONS)[number];
    if (!CONTAINER_ACTIONS.includes(action)) throw new FlotillaError("invalid_argument", `unknown container action "${payload.action}"`);
    if (!payload.containerId) throw new FlotillaError("invalid_argument", "container_id is required");
    const docker = ctx.docker.client;
    const container = docker.getContainer(payload.containerId);
    const t = payload.stopTimeoutSeconds;
    ctx.progress(0, `${action} ${payload.containerId}`);
    ctx.log.info({ container_id: payload.containerId, action, stop_timeout_seconds: t }, "container action");
    try {
      if (action === "start") await container.start();
      else if (action === "stop") await container.stop(t ? { t } : {});
      else await container.restart(t ? { t } : {});
    } catch (err) {
      const e = dockerError(err, payload.containerId);
      if (e) throw e;
    }
    try {
      const info = await inspectContainer(docker, payload.containerId);
      return { case: "containerAction", value: create(ContainerActionResultSchema, { container: info }) };
    } catch (err) {
      throw dockerError(err, payload.containerId) ?? FlotillaError.from(err);
    }
  },
});
