import { catalogue } from "@flotilla/shared";
import { defineRoute, type RouteDef } from "../route.js";
import { z } from "zod";
import { scannerSchema } from "../schemas/scans.js";

/** createScannerRoutes returns GET /scanners: every scanner with its rules. */
export function createScannerRoutes(): RouteDef[] {
  return [
    defineRoute({
      method: "GET",
      path: "/scanners",
      role: "viewer",
      tag: "scans",
      summary: "Catalogue of scanners and their rules",
      response: z.object({ items: z.array(scannerSchema) }),
      handler: async () => ({ items: catalogue() }),
    }),
  ];
}
