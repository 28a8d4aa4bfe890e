import type { ContainerInspectInfo } from "dockerode";
import { makeFinding } from "../finding.js";
import { isSecretName } from "../secrets.js";
import type { ScanFinding } from "../scanner.js";

const DANGEROUS_CAPS = new Set([
  "ALL",
  "SYS_ADMIN",
  "NET_ADMIN",
  "SYS_PTRACE",
  "SYS_MODULE",
  "SYS_RAWIO",
  "DAC_READ_SEARCH",
  "SYS_BOOT",
  "SYS_TIME",
  "MAC_ADMIN",
  "MAC_OVERRIDE",
  "BPF",
  "PERFMON",
  "NET_RAW",
]);
/** Paths that are sensitive as mounted, or anything beneath them. */
const SENSITIVE_TREES = ["/etc", "/root", "/proc", "/sys", "/boot", "/dev", "/var/lib/docker", "/var/lib/kubelet", "/run/containerd"];
/** Paths that are sensitive only as a whole. */
const SENSITIVE_EXACT = new Set(["/", "/home", "/var", "/var/run", "/run", "/usr", "/lib", "/bin", "/sbin", "/var/log", "/Users"]);

/** containerName returns the container's name without the leading slash. */
export function containerName(info: Pick<ContainerInspectInfo, "Name" | "Id">): string {
  return (info.Name ?? "").replace(/^\//, "") || info.Id.slice(0, 12);
}

function isDockerSocket(source: string): boolean {
  return /(^|\/)docker\.sock$/.test(source) || source === "/var/run/docker" || source === "/run/docker";
}

function isSensitive(source: string): boolean {
  const s = source.replace(/\/+$/, "") || "/";
  return SENSITIVE_EXACT.has(s) || SENSITIVE_TREES.some((t) => s === t || s.startsWith(`${t}/`));
}

/** isUnpinnedImage reports whether an image reference uses `latest` or no tag (digests and ids are pinned). */
export function isUnpinnedImage(ref: string): boolean {
  if (ref.includes("@sha256:") || /^(sha256:)?[0-9a-f]{12,64}$/.test(ref)) return false;
  const slash = ref.lastIndexOf("/");
  const colon = ref.lastIndexOf(":");
  return colon <= slash || ref.slice(colon + 1) === "latest";
}

/**
 * checkContainer returns the docker-security findings of one inspected
 * container. Environment values are read only to know they are non-empty;
 * findings carry variable names only.
 */
export function checkContainer(info: ContainerInspectInfo): ScanFinding[] {
  const name = containerName(info);
  const resource = `container:${name}`;
  const hc = info.HostConfig ?? {};
  const base = { container: name, container_id: info.Id, image: info.Config?.Image ?? "", state: info.State?.Status ?? "" };
  const out: ScanFinding[] = [];
  const add = (rule: string, message: string, evidence: Record<string, unknown> = {}) =>
    out.push(makeFinding(rule, resource, `${name}: ${message}`, { ...base, ...evidence }));

  if (hc.Privileged) add("docker-security/privileged", "runs privileged");
  const user = (info.Config?.User ?? "").trim();
  const uid = user.split(":")[0] ?? "";
  if (uid === "" || uid === "0" || uid === "root") add("docker-security/root-user", "runs as root", { user: user || "(image default: root)" });
  if (hc.NetworkMode === "host") add("docker-security/host-network", "uses the host network");
  if (hc.PidMode === "host") add("docker-security/host-pid", "uses the host PID namespace");
  if (hc.IpcMode === "host") add("docker-security/host-ipc", "uses the host IPC namespace");

  for (const m of info.Mounts ?? []) {
    if (m.Type !== "bind") continue;
    const evidence = { source: m.Source, destination: m.Destination, read_only: !m.RW };
    if (isDockerSocket(m.Source)) add("docker-security/docker-socket", `mounts the Docker socket ${m.Source}`, evidence);
    else if (isSensitive(m.Source)) add("docker-security/sensitive-mount", `mounts host path ${m.Source}`, evidence);
  }

  const caps = ((hc.CapAdd ?? []) as string[]).map((c) => c.toUpperCase().replace(/^CAP_/, ""));
  const dangerous = caps.filter((c) => DANGEROUS_CAPS.has(c));
  if (dangerous.length > 0) add("docker-security/dangerous-capability", `adds ${dangerous.join(", ")}`, { capabilities: dangerous });

  const exposed: { container_port: string; host_ip: string; host_port: string }[] = [];
  for (const [port, bindings] of Object.entries((hc.PortBindings ?? {}) as Record<string, unknown>)) {
    for (const b of (bindings as { HostIp?: string; HostPort?: string }[] | null) ?? []) {
      const ip = b.HostIp ?? "";
      if (ip === "" || ip === "0.0.0.0" || ip === "::") exposed.push({ container_port: port, host_ip: ip || "0.0.0.0", host_port: b.HostPort ?? "" });
    }
  }
  if (exposed.length > 0)
    add("docker-security/public-port", `publishes ${exposed.map((e) => `${e.host_ip}:${e.host_port}->${e.container_port}`).join(", ")}`, {
      ports: exposed,
    });

  if (!hc.Memory) add("docker-security/no-memory-limit", "has no memory limit");
  const image = info.Config?.Image ?? "";
  if (image && isUnpinnedImage(image)) add("docker-security/unpinned-image", `uses unpinned image ${image}`);

  const secretNames: string[] = [];
  for (const kv of info.Config?.Env ?? []) {
    const eq = kv.indexOf("=");
    const key = eq < 0 ? kv : kv.slice(0, eq);
    if (eq > 0 && eq < kv.length - 1 && isSecretName(key)) secretNames.push(key);
  }
  if (secretNames.length > 0)
    add("docker-security/secret-env", `has secret-looking env ${secretNames.join(", ")}`, { env_names: secretNames.sort() });
  return out;
}
