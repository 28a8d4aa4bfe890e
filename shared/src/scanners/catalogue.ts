/**
 * Scanner catalogue: the names, descriptions and rules of every worker
 * scanner, as pure data. This file has no imports so that the master can
 * serve it (GET /api/v1/scanners) without depending on the worker runtime.
 */

/** Severity of a rule, highest first. */
export type Severity = "critical" | "high" | "medium" | "low" | "info";

/** SEVERITIES lists every Severity from highest to lowest. */
export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low", "info"];

/** Rule is one entry of a scanner's catalogue (GET /scanners). */
export interface Rule {
  id: string;
  title: string;
  severity: Severity;
  description: string;
  remediation: string;
}

/** ScannerInfo describes one scanner and the rules it may report. */
export interface ScannerInfo {
  name: string;
  description: string;
  rules: Rule[];
}

function rule(id: string, severity: Severity, title: string, description: string, remediation: string): Rule {
  return { id, severity, title, description, remediation };
}

/** DOCKER_WASTE_RULES are the rules of the docker-waste scanner. */
export const DOCKER_WASTE_RULES: Rule[] = [
  rule(
    "docker-waste/exited-container",
    "low",
    "Exited container kept around",
    "A container exited longer ago than the threshold (option exited_older_than_hours, default 24) and still holds its writable layer.",
    "Remove it with `docker rm <name>` or run short-lived containers with `--rm`.",
  ),
  rule(
    "docker-waste/dangling-image",
    "low",
    "Dangling image",
    "An untagged image that no container uses; usually left behind when a tag moved to a newer build.",
    "Remove dangling images with `docker image prune`.",
  ),
  rule(
    "docker-waste/unused-image",
    "info",
    "Image not used by any container",
    "A tagged image that no container (running or stopped) is created from.",
    "Remove it with `docker rmi <image>` if it is not needed for upcoming deployments.",
  ),
  rule(
    "docker-waste/unused-volume",
    "low",
    "Volume not referenced by any container",
    "A volume that no container mounts; its data still occupies disk space.",
    "Back up what is needed, then remove it with `docker volume rm <name>`.",
  ),
  rule(
    "docker-waste/idle-container",
    "low",
    "Running container is idle",
    "A running container used less CPU than the idle ratio (option idle_cpu_ratio, default 0.01 of a core) over the sampling window.",
    "Stop or scale down the container, or give it smaller CPU and memory reservations.",
  ),
];

/** DOCKER_SECURITY_RULES are the rules of the docker-security scanner. */
export const DOCKER_SECURITY_RULES: Rule[] = [
  rule(
    "docker-security/privileged",
    "critical",
    "Privileged container",
    "The container runs with --privileged: all capabilities and devices, no isolation from the host.",
    "Drop --privileged; add only the specific capabilities or devices the workload needs.",
  ),
  rule(
    "docker-security/docker-socket",
    "critical",
    "Docker socket mounted",
    "The Docker API socket is mounted into the container, which gives root on the host to anything inside it.",
    "Remove the socket mount; use a restricted API proxy if the container must talk to Docker.",
  ),
  rule(
    "docker-security/host-network",
    "high",
    "Host network namespace",
    "The container shares the host network stack (--network host) and can bind or sniff any host interface.",
    "Use a bridge or user-defined network and publish only the needed ports.",
  ),
  rule(
    "docker-security/host-pid",
    "high",
    "Host PID namespace",
    "The container shares the host PID namespace (--pid host) and can see and signal host processes.",
    "Remove --pid host.",
  ),
  rule(
    "docker-security/host-ipc",
    "medium",
    "Host IPC namespace",
    "The container shares the host IPC namespace (--ipc host) including shared memory.",
    "Remove --ipc host or use a private/shareable IPC mode.",
  ),
  rule(
    "docker-security/sensitive-mount",
    "high",
    "Sensitive host path mounted",
    "A sensitive host path (/, /etc, /root, /proc, /sys, /var/run, /home, ...) is bind-mounted into the container.",
    "Mount only the specific directories the workload needs, read-only where possible.",
  ),
  rule(
    "docker-security/dangerous-capability",
    "high",
    "Dangerous capability added",
    "The container adds a capability that enables host escape or network tampering (SYS_ADMIN, NET_ADMIN, SYS_PTRACE, ALL, ...).",
    "Remove the capability from --cap-add; prefer `--cap-drop ALL` plus the minimum needed.",
  ),
  rule(
    "docker-security/public-port",
    "medium",
    "Port published on all interfaces",
    "A container port is published on 0.0.0.0 or :: and is reachable from every network the host is on.",
    "Publish on a specific address (e.g. `-p 127.0.0.1:8080:80`) or put the service behind a proxy.",
  ),
  rule(
    "docker-security/root-user",
    "medium",
    "Container runs as root",
    "The container process runs as root (no USER, or user 0/root).",
    "Set a non-root USER in the image or run with `--user <uid>`.",
  ),
  rule(
    "docker-security/secret-env",
    "high",
    "Secret-looking environment variable",
    "An environment variable whose name looks like a secret (PASSWORD, SECRET, TOKEN, API_KEY, ...) has a literal value; env is readable via docker inspect. Only the name is reported.",
    "Pass secrets with Docker secrets or a mounted file (e.g. NAME_FILE) instead of plain environment variables.",
  ),
  rule(
    "docker-security/no-memory-limit",
    "low",
    "No memory limit",
    "The container has no memory limit and can exhaust host memory.",
    "Set a limit with `--memory`.",
  ),
  rule(
    "docker-security/unpinned-image",
    "low",
    "Image tag not pinned",
    "The container was created from the `latest` tag or without a tag, so redeploys may silently change the software.",
    "Reference images by explicit version tag or by digest.",
  ),
];

/** HOST_CENSUS_RULES are the rules of the host-census scanner. */
export const HOST_CENSUS_RULES: Rule[] = [
  rule(
    "host-census/docker-api-exposed",
    "critical",
    "Unauthenticated Docker API listening on all interfaces",
    "The plain-text Docker API port (2375) listens on every interface: anyone who can reach it is root on the host.",
    "Stop exposing the API over TCP, or bind it to 127.0.0.1 and use TLS client authentication (port 2376).",
  ),
  rule(
    "host-census/database-exposed",
    "high",
    "Database port listening on all interfaces",
    "A well-known database or cache port (PostgreSQL, MySQL, Redis, MongoDB, Elasticsearch, Memcached, ...) listens on every interface.",
    "Bind the service to 127.0.0.1 or a private interface, and firewall the port.",
  ),
  rule(
    "host-census/extra-root-user",
    "critical",
    "Additional uid 0 account",
    "An account other than root has uid 0 and therefore full root privileges.",
    "Remove the account or give it a unique non-zero uid; use sudo for delegation.",
  ),
];

/** MCP_INVENTORY_RULES are the rules of the mcp-inventory scanner. */
export const MCP_INVENTORY_RULES: Rule[] = [
  rule(
    "mcp-inventory/server",
    "info",
    "MCP server configured",
    "A Model Context Protocol server is configured for a client application; evidence carries its command, env var names and a numeric risk score.",
    "Review that the server is expected and that its permissions fit its use.",
  ),
  rule(
    "mcp-inventory/shell-access",
    "high",
    "MCP server with shell access",
    "The server runs a shell or is a known command-execution server, so the model can run arbitrary commands as the user.",
    "Remove the server or replace it with a narrowly scoped tool; require confirmation for every command.",
  ),
  rule(
    "mcp-inventory/unrestricted-filesystem",
    "high",
    "MCP filesystem server with unrestricted root",
    "A filesystem server is rooted at / or a home directory, exposing SSH keys, credentials and every user file.",
    "Restrict the allowed directories to the project folders the model needs.",
  ),
  rule(
    "mcp-inventory/insecure-transport",
    "high",
    "Remote MCP server over plain HTTP",
    "A remote MCP server URL uses http:// to a non-local host, so traffic and credentials travel unencrypted.",
    "Use an https:// endpoint.",
  ),
  rule(
    "mcp-inventory/secret-in-config",
    "medium",
    "Secret stored in MCP client config",
    "A secret-looking environment variable has a literal value in the client configuration file. Only the name is reported.",
    "Reference the secret from the environment or a secret store (e.g. ${input:...} or ${env:...}) instead of storing it in the file.",
  ),
  rule(
    "mcp-inventory/unpinned-package",
    "medium",
    "MCP server package not pinned",
    "The server is fetched at run time (npx, uvx, docker, ...) without a pinned version, so a compromised or changed release runs automatically.",
    "Pin an exact version, e.g. `npx -y pkg@1.2.3` or `uvx pkg==1.2.3`.",
  ),
  rule(
    "mcp-inventory/malformed-config",
    "low",
    "Unreadable MCP client config",
    "A client configuration file could not be parsed; its servers could not be inventoried.",
    "Fix the JSON syntax of the file.",
  ),
];

/** CATALOGUE lists every scanner of the worker with its rules. */
export const CATALOGUE: ScannerInfo[] = [
  {
    name: "docker-waste",
    description:
      "Finds reclaimable Docker resources (exited containers, dangling and unused images, unused volumes, idle containers) with their size and monthly cost.",
    rules: DOCKER_WASTE_RULES,
  },
  {
    name: "docker-security",
    description: "Checks container configuration for privilege, namespace, mount, port, capability, user, limit, image and secret risks.",
    rules: DOCKER_SECURITY_RULES,
  },
  {
    name: "host-census",
    description: "Records OS, kernel, packages, listening sockets and users of the host, and flags exposed services and extra root accounts.",
    rules: HOST_CENSUS_RULES,
  },
  {
    name: "mcp-inventory",
    description: "Inventories Model Context Protocol servers configured in users' client applications and rates their risk.",
    rules: MCP_INVENTORY_RULES,
  },
];

/** catalogue returns a deep copy of the scanner catalogue. */
export function catalogue(): ScannerInfo[] {
  return CATALOGUE.map((s) => ({ ...s, rules: s.rules.map((r) => ({ ...r })) }));
}

/** findRule returns the rule with this id, or undefined. */
export function findRule(id: string): Rule | undefined {
  for (const s of CATALOGUE) for (const r of s.rules) if (r.id === id) return r;
  return undefined;
}
