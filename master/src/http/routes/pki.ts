import { defineRoute, type RouteDef } from "../route.js";

/** createPkiRoutes returns GET /api/v1/pki/ca.pem (public): the master's CA certificate. */
export function createPkiRoutes(deps: { pki: { caPem: string } }): RouteDef<any, any, any>[] {
  return [
    defineRoute({
      method: "GET",
      path: "/pki/ca.pem",
      role: "public",
      tag: "pki",
      summary: "The master's CA certificate (PEM)",
      produces: ["application/x-pem-file"],
      handler: async ({ ctx }) => {
        ctx.type = "application/x-pem-file";
        ctx.set("Cache-Control", "no-cache");
        ctx.body = deps.pki.caPem;
        return undefined;
      },
    }),
  ];
}
