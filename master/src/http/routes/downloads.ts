import { createReadStream } from "node:fs";
import { errors } from "@flotilla/shared";
import { baseUrl, EXECUTABLE_TARGETS, type Artifacts } from "../../downloads/artifacts.js";
import { defineRoute, type RouteDef } from "../route.js";

/**
 * createDownloadRoutes serves what a new host needs (public): GET /install.sh
 * and the single-file worker with its SHA-256.
 */
export function createDownloadRoutes(deps: { artifacts: Artifacts; grpcAdvertiseAddr: () => string }): RouteDef<any, any, any>[] {
  const worker = () => {
    const w = deps.artifacts.worker();
    if (!w) throw errors.notFound("worker artifact (the master was built without it)");
    return w;
  };
  return [
    defineRoute({
      method: "GET",
      path: "/install.sh",
      absolute: true,
      role: "public",
      tag: "downloads",
      summary: "POSIX shell installer for the worker; run it with FLOTILLA_JOIN_TOKEN set (see join_command)",
      produces: ["text/x-shellscript"],
      handler: async ({ ctx }) => {
        ctx.type = "text/x-shellscript; charset=utf-8";
        ctx.set("Cache-Control", "no-cache");
        ctx.body = deps.artifacts.installScript(baseUrl(ctx), deps.grpcAdvertiseAddr());
        return undefined;
      },
    }),
    defineRoute({
      method: "GET",
      path: "/downloads/flotilla-worker.mjs",
      role: "public",
      tag: "downloads",
      summary: "The worker as one self-contained ES module for Node >= 20",
      produces: ["text/javascript"],
      handler: async ({ ctx }) => {
        const w = worker();
        ctx.type = "text/javascript; charset=utf-8";
        ctx.set("Content-Disposition", 'attachment; filename="flotilla-worker.mjs"');
        ctx.set("ETag", `"${w.sha256}"`);
        ctx.body = w.bytes;
        return undefined;
      },
    }),
    defineRoute({
      method: "GET",
      path: "/downloads/flotilla-worker.mjs.sha256",
      role: "public",
      tag: "downloads",
      summary: "SHA-256 of the worker artifact, in sha256sum format",
      produces: ["text/plain"],
      handler: async ({ ctx }) => {
        ctx.type = "text/plain; charset=utf-8";
        ctx.body = `${worker().sha256}  flotilla-worker.mjs\n`;
        return undefined;
      },
    }),
    ...EXECUTABLE_TARGETS.flatMap((target) => executableRoutes(deps.artifacts, target)),
  ];
}

/** executableRoutes serve the single-executable worker for one target and its SHA-256 (404 when not built). */
function executableRoutes(artifacts: Artifacts, target: string): RouteDef<any, any, any>[] {
  const name = `flotilla-worker-${target}`;
  const exe = () =>
    artifacts.executable(target) ?? Promise.reject(errors.notFound(`${name} (the master was built without a single executable for ${target})`));
  return [
    defineRoute({
      method: "GET",
      path: `/downloads/${name}`,
      role: "public",
      tag: "downloads",
      summary: `The worker as one executable with Node inside, for ${target} hosts without Node`,
      produces: ["application/octet-stream"],
      handler: async ({ ctx }) => {
        const e = await exe();
        ctx.type = "application/octet-stream";
        ctx.set("Content-Disposition", `attachment; filename="${name}"`);
        ctx.set("ETag", `"${e.sha256}"`);
        ctx.length = e.size;
        ctx.body = createReadStream(e.path);
        return undefined;
      },
    }),
    defineRoute({
      method: "GET",
      path: `/downloads/${name}.sha256`,
      role: "public",
      tag: "downloads",
      summary: `SHA-256 of ${name}, in sha256sum format`,
      produces: ["text/plain"],
      handler: async ({ ctx }) => {
        ctx.type = "text/plain; charset=utf-8";
        ctx.body = `${(await exe()).sha256}  ${name}\n`;
        return undefined;
      },
    }),
  ];
}
