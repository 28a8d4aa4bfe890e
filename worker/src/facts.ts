import { readFile } from "node:fs/promises";
import { arch, cpus, hostname, networkInterfaces, release, totalmem, uptime, availableParallelism } from "node:os";
import { join } from "node:path";
import { create } from "@bufbuild/protobuf";
import { AGENT_VERSION } from "@flotilla/shared";
import { HostFactsSchema, type HostFacts } from "@flotilla/shared/gen/flotilla/v1/common_pb.js";

/** FactsOptions are the roots host facts are read under. */
export interface FactsOptions {
  procRoot: string;
  hostRoot: string;
  /** Overrides the machine id (simulates cloned hosts). */
  machineId?: string;
}

/** parseOsRelease parses os-release(5) KEY=value lines. */
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]!] = m[2]!.replace(/^(["'])(.*)\1$/, "$2");
  }
  return out;
}

/** parseMemTotal returns MemTotal from /proc/meminfo in bytes, or null. */
export function parseMemTotal(text: string): number | null {
  const m = /^MemTotal:\s+(\d+)\s*kB/m.exec(text);
  return m ? Number(m[1]) * 1024 : null;
}

/** parseBootTime returns btime from /proc/stat in milliseconds, or null. */
export function parseBootTime(text: string): number | null {
  const m = /^btime\s+(\d+)/m.exec(text);
  return m ? Number(m[1]) * 1000 : null;
}

async function read(path: string): Promise<string | null> {
  return readFile(path, "utf8").then(
    (t) => t,
    () => null,
  );
}

const ARCH: Record<string, string> = { x64: "x86_64", arm64: "aarch64", ia32: "i386", arm: "arm" };

/** hostAddresses lists the non-internal IP addresses of the host. */
export function hostAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (!a.internal) out.push(a.address);
  }
  return out;
}

/** collectFacts gathers the host facts sent at enrollment and in SessionHello. */
export async function collectFacts(opts: FactsOptions): Promise<HostFacts> {
  const [osRel, osRelUsr, kernel, host, mem, stat, mid1, mid2] = await Promise.all([
    read(join(opts.hostRoot, "etc/os-release")),
    read(join(opts.hostRoot, "usr/lib/os-release")),
    read(join(opts.procRoot, "sys/kernel/osrelease")),
    read(join(opts.procRoot, "sys/kernel/hostname")),
    read(join(opts.procRoot, "meminfo")),
    read(join(opts.procRoot, "stat")),
    read(join(opts.hostRoot, "etc/machine-id")),
    read(join(opts.hostRoot, "var/lib/dbus/machine-id")),
  ]);
  const os = parseOsRelease(osRel ?? osRelUsr ?? "");
  const machineId = opts.machineId ?? (mid1?.trim() || mid2?.trim() || "");
  return create(HostFactsSchema, {
    hostname: host?.trim() || hostname(),
    os: os.PRETTY_NAME || os.NAME || os.ID || process.platform,
    osVersion: os.VERSION_ID || os.VERSION || "",
    kernel: kernel?.trim() || release(),
    arch: ARCH[arch()] ?? arch(),
    cpus: availableParallelism?.() ?? cpus().length,
    memoryBytes: BigInt(parseMemTotal(mem ?? "") ?? totalmem()),
    machineId,
    agentVersion: AGENT_VERSION,
    addresses: hostAddresses(),
    bootTimeMs: BigInt(parseBootTime(stat ?? "") ?? Math.round(Date.now() - uptime() * 1000)),
  });
}
