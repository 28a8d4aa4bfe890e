import { catalogue } from "@flotilla/shared";
import { defineRoute, type RouteDef } from "../route.js";

/** createScannerRoutes returns GET /scanners: every scanner with its rules. */
export function createScannerRoutes(): RouteDef[] {
  return [
    defineRoute({
      method: "GET",
      path: "/scanners",
      role: "viewer",
      tag: "scans",
      summary: "Catalogue of scanners and their rules",
      handler: async () => ({ items: catalogue() }),
    }),
  ];
}
