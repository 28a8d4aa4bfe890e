import { FlotillaError } from "@flotilla/shared";
import { DOCKER_SECURITY_RULES } from "./catalogue.js";
import { checkContainer } from "./docker/security-checks.js";
import type { ScanFinding, Scanner } from "./scanner.js";

/** dockerSecurity inspects every container and checks its configuration. */
export const dockerSecurity: Scanner = {
  name: "docker-security",
  description: "Checks container configuration for privilege, namespace, mount, port, capability, user, limit, image and secret risks.",
  rules: DOCKER_SECURITY_RULES,
  async scan(ctx) {
    if (!ctx.docker) throw new FlotillaError("unavailable", "docker is not available on this node");
    const list = await ctx.docker.listContainers({ all: true });
    const findings: ScanFinding[] = [];
    for (const [i, c] of list.entries()) {
      if (ctx.signal.aborted) throw new FlotillaError("canceled", "scan canceled");
      try {
        findings.push(...checkContainer(await ctx.docker.getContainer(c.Id).inspect()));
      } catch (err) {
        // The container may have been removed between list and inspect.
        ctx.log.debug({ container_id: c.Id, err: FlotillaError.from(err).code }, "container inspect failed");
      }
      ctx.progress((i + 1) / list.length);
    }
    return { findings, snapshot: { containers: list.length } };
  },
};
