import os from "node:os";
import path from "node:path";
import { HOST_CENSUS_RULES } from "./catalogue.js";
import type { Census, CensusSocket, CensusUser } from "./census-diff.js";
import { makeFinding } from "./finding.js";
import { readHostText, resolveInRoot } from "./host/host-fs.js";
import { parseDpkgStatus } from "./host/parse-dpkg-status.js";
import { parseOsRelease } from "./host/parse-os-release.js";
import { hasLoginShell, parsePasswd } from "./host/parse-passwd.js";
import { isAllInterfaces, parseProcNet } from "./host/parse-proc-net.js";
import { socketOwners } from "./host/socket-owners.js";
import type { ScanContext, ScanFinding, Scanner } from "./scanner.js";

/** DATABASE_PORTS maps well-known database and cache ports to their service. */
export const DATABASE_PORTS: Record<number, string> = {
  1433: "mssql",
  1521: "oracle",
  3306: "mysql",
  5432: "postgresql",
  5984: "couchdb",
  6379: "redis",
  7000: "cassandra",
  9042: "cassandra",
  8086: "influxdb",
  9200: "elasticsearch",
  9300: "elasticsearch",
  11211: "memcached",
  27017: "mongodb",
  28015: "rethinkdb",
};

const PROC_NET = [
  ["tcp", "tcp", false],
  ["tcp6", "tcp", true],
  ["udp", "udp", false],
  ["udp6", "udp", true],
] as const;

async function listening(ctx: ScanContext): Promise<CensusSocket[]> {
  const procDir = await resolveInRoot(ctx.hostRoot, "/proc");
  if (procDir === null) return [];
  const owners = await socketOwners(procDir, ctx.signal);
  const seen = new Map<string, CensusSocket>();
  for (const [file, proto, v6] of PROC_NET) {
    const text = await readHostText(ctx.hostRoot, `/proc/net/${file}`, 16 * 1024 * 1024);
    if (text === null) continue;
    for (const s of parseProcNet(text, proto, v6)) {
      const key = `${s.proto} ${s.address} ${s.port}`;
      const process = owners.get(s.inode) ?? "";
      const prev = seen.get(key);
      if (!prev || (!prev.process && process)) seen.set(key, { proto: s.proto, address: s.address, port: s.port, process });
    }
  }
  return [...seen.values()].sort((a, b) => a.proto.localeCompare(b.proto) || a.port - b.port || a.address.localeCompare(b.address));
}

/** collectCensus reads the census of the host under ctx.hostRoot. */
export async function collectCensus(ctx: ScanContext): Promise<Census> {
  const osText = (await readHostText(ctx.hostRoot, "/etc/os-release")) ?? (await readHostText(ctx.hostRoot, "/usr/lib/os-release")) ?? "";
  ctx.progress(0.1, "os");
  const kernel = path.resolve(ctx.hostRoot) === "/" ? os.release() : ((await readHostText(ctx.hostRoot, "/proc/sys/kernel/osrelease")) ?? "").trim();
  const dpkg = await readHostText(ctx.hostRoot, "/var/lib/dpkg/status", 64 * 1024 * 1024);
  const packages = dpkg === null ? [] : parseDpkgStatus(dpkg);
  ctx.progress(0.4, "packages");
  const sockets = await listening(ctx);
  ctx.progress(0.8, "sockets");
  const passwd = parsePasswd((await readHostText(ctx.hostRoot, "/etc/passwd")) ?? "");
  const users: CensusUser[] = passwd.filter((u) => u.uid === 0 || hasLoginShell(u)).map((u) => ({ name: u.name, uid: u.uid, shell: u.shell }));
  return { os: parseOsRelease(osText), kernel, packages, listening: sockets, users };
}

/** censusFindings derives the host-census findings from a census. */
export function censusFindings(census: Census): ScanFinding[] {
  const out: ScanFinding[] = [];
  for (const s of census.listening) {
    if (!isAllInterfaces(s.address)) continue;
    const resource = `port:${s.proto}/${s.address.includes(":") ? `[${s.address}]` : s.address}:${s.port}`;
    const evidence = { proto: s.proto, address: s.address, port: s.port, process: s.process };
    if (s.proto === "tcp" && s.port === 2375) {
      out.push(
        makeFinding(
          "host-census/docker-api-exposed",
          resource,
          `Docker API (tcp ${s.port}) listens on all interfaces${s.process ? ` (${s.process})` : ""}`,
          evidence,
        ),
      );
    } else if (s.proto === "tcp" && DATABASE_PORTS[s.port]) {
      const service = DATABASE_PORTS[s.port]!;
      out.push(
        makeFinding(
          "host-census/database-exposed",
          resource,
          `${service} port ${s.port} listens on all interfaces${s.process ? ` (${s.process})` : ""}`,
          { ...evidence, service },
        ),
      );
    }
  }
  for (const u of census.users) {
    if (u.uid === 0 && u.name !== "root") {
      out.push(
        makeFinding("host-census/extra-root-user", `user:${u.name}`, `account ${u.name} has uid 0`, { name: u.name, uid: u.uid, shell: u.shell }),
      );
    }
  }
  return out;
}

/** hostCensus records OS, kernel, packages, listening sockets and users. */
export const hostCensus: Scanner = {
  name: "host-census",
  description: "Records OS, kernel, packages, listening sockets and users of the host.",
  rules: HOST_CENSUS_RULES,
  async scan(ctx) {
    const census = await collectCensus(ctx);
    ctx.progress(1);
    return { findings: censusFindings(census), snapshot: census };
  },
};
