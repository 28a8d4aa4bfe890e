import { FlotillaError } from "@flotilla/shared";
import type Docker from "dockerode";
import { DOCKER_WASTE_RULES } from "./catalogue.js";
import { sampleCpu } from "./docker/cpu-sampler.js";
import { GIB, makeFinding, storageCost } from "./finding.js";
import { numberOption } from "./options.js";
import type { ScanContext, ScanFinding, Scanner } from "./scanner.js";

interface DfImage {
  Id: string;
  RepoTags?: string[] | null;
  Size?: number;
  SharedSize?: number;
}
interface DfContainer {
  Id: string;
  SizeRw?: number;
}
interface DfVolume {
  Name: string;
  UsageData?: { Size?: number; RefCount?: number } | null;
}
interface DfResult {
  Images?: DfImage[] | null;
  Containers?: DfContainer[] | null;
  Volumes?: DfVolume[] | null;
}

/** WasteOptions are the thresholds and cost model of docker-waste. */
export interface WasteOptions {
  exitedOlderThanHours: number;
  idleCpuRatio: number;
  idleWindowSeconds: number;
  costPerGbMonth: number;
  costPerVcpuMonth: number;
  costPerGbRamMonth: number;
}

/** wasteOptions validates docker-waste options and applies defaults. */
export function wasteOptions(o: Record<string, unknown>): WasteOptions {
  return {
    exitedOlderThanHours: numberOption(o, "exited_older_than_hours", 24),
    idleCpuRatio: numberOption(o, "idle_cpu_ratio", 0.01, 1024),
    idleWindowSeconds: numberOption(o, "idle_window_seconds", 2, 60),
    costPerGbMonth: numberOption(o, "cost_per_gb_month", 0.1),
    costPerVcpuMonth: numberOption(o, "cost_per_vcpu_month", 20),
    costPerGbRamMonth: numberOption(o, "cost_per_gb_ram_month", 3),
  };
}

const isDangling = (img: DfImage) => !img.RepoTags || img.RepoTags.every((t) => t === "<none>:<none>");
const nonNeg = (n: number | undefined) => (typeof n === "number" && n > 0 ? n : 0);
const name = (names: string[] | undefined, id: string) => (names?.[0] ?? "").replace(/^\//, "") || id.slice(0, 12);

async function idleFindings(ctx: ScanContext, docker: Docker, running: Docker.ContainerInfo[], opts: WasteOptions): Promise<ScanFinding[]> {
  const samples = await sampleCpu(
    docker,
    running.map((c) => c.Id),
    opts.idleWindowSeconds * 1000,
    ctx.signal,
  );
  const out: ScanFinding[] = [];
  for (const c of running) {
    const s = samples.get(c.Id);
    if (!s || s.cpuRatio >= opts.idleCpuRatio) continue;
    const hc = (
      await docker
        .getContainer(c.Id)
        .inspect()
        .catch(() => null)
    )?.HostConfig;
    const vcpus = hc?.NanoCpus ? hc.NanoCpus / 1e9 : hc?.CpuQuota && hc.CpuPeriod ? hc.CpuQuota / hc.CpuPeriod : 0;
    const memBytes = hc?.Memory || s.memoryBytes;
    const cost = Math.round((vcpus * opts.costPerVcpuMonth + (memBytes / GIB) * opts.costPerGbRamMonth) * 10000) / 10000;
    const n = name(c.Names, c.Id);
    out.push(
      makeFinding(
        "docker-waste/idle-container",
        `container:${n}`,
        `${n} used ${(s.cpuRatio * 100).toFixed(2)}% of a core over ${opts.idleWindowSeconds}s`,
        {
          container: n,
          container_id: c.Id,
          image: c.Image,
          cpu_ratio: Math.round(s.cpuRatio * 1e6) / 1e6,
          window_seconds: opts.idleWindowSeconds,
          reserved_vcpus: vcpus,
          memory_bytes: memBytes,
          memory_basis: hc?.Memory ? "limit" : "usage",
        },
        { monthlyCost: cost },
      ),
    );
  }
  return out;
}

/** dockerWaste finds reclaimable Docker resources and prices them. */
export const dockerWaste: Scanner = {
  name: "docker-waste",
  description: "Finds reclaimable Docker resources (exited containers, dangling and unused images, unused volumes, idle containers).",
  rules: DOCKER_WASTE_RULES,
  async scan(ctx) {
    const docker = ctx.docker;
    if (!docker) throw new FlotillaError("unavailable", "docker is not available on this node");
    const opts = wasteOptions(ctx.options);
    const [df, containers] = await Promise.all([docker.df() as Promise<DfResult>, docker.listContainers({ all: true })]);
    ctx.progress(0.2, "disk usage");
    const findings: ScanFinding[] = [];
    const sizeRw = new Map((df.Containers ?? []).map((c) => [c.Id, nonNeg(c.SizeRw)]));
    const now = ctx.now().getTime();

    for (const c of containers.filter((c) => c.State === "exited" || c.State === "dead")) {
      const info = await docker
        .getContainer(c.Id)
        .inspect()
        .catch(() => null);
      const finished = Date.parse(info?.State?.FinishedAt ?? "");
      const at = Number.isFinite(finished) && finished > 0 ? finished : c.Created * 1000;
      const ageHours = (now - at) / 3_600_000;
      if (ageHours < opts.exitedOlderThanHours) continue;
      const n = name(c.Names, c.Id);
      const bytes = sizeRw.get(c.Id) ?? 0;
      findings.push(
        makeFinding(
          "docker-waste/exited-container",
          `container:${n}`,
          `${n} exited ${ageHours.toFixed(1)} h ago`,
          {
            container: n,
            container_id: c.Id,
            image: c.Image,
            exit_code: info?.State?.ExitCode ?? null,
            finished_at: new Date(at).toISOString(),
            age_hours: Math.round(ageHours * 100) / 100,
          },
          { reclaimableBytes: bytes, monthlyCost: storageCost(bytes, opts.costPerGbMonth) },
        ),
      );
    }
    ctx.progress(0.4, "containers");

    const usedImages = new Set(containers.map((c) => c.ImageID));
    for (const img of df.Images ?? []) {
      if (usedImages.has(img.Id)) continue;
      const bytes = Math.max(0, nonNeg(img.Size) - nonNeg(img.SharedSize));
      const dangling = isDangling(img);
      const tags = dangling ? [] : (img.RepoTags ?? []);
      findings.push(
        makeFinding(
          dangling ? "docker-waste/dangling-image" : "docker-waste/unused-image",
          `image:${img.Id}`,
          dangling ? `dangling image ${img.Id.slice(7, 19)}` : `image ${tags.join(", ")} is not used by any container`,
          { image_id: img.Id, tags, size_bytes: nonNeg(img.Size) },
          { reclaimableBytes: bytes, monthlyCost: storageCost(bytes, opts.costPerGbMonth) },
        ),
      );
    }
    ctx.progress(0.5, "images");

    const usedVolumes = new Set(containers.flatMap((c) => (c.Mounts ?? []).filter((m) => m.Type === "volume" && m.Name).map((m) => m.Name!)));
    for (const v of df.Volumes ?? []) {
      if (usedVolumes.has(v.Name) || nonNeg(v.UsageData?.RefCount) > 0) continue;
      const bytes = nonNeg(v.UsageData?.Size);
      findings.push(
        makeFinding(
          "docker-waste/unused-volume",
          `volume:${v.Name}`,
          `volume ${v.Name} is not referenced by any container`,
          { volume: v.Name, size_bytes: bytes },
          { reclaimableBytes: bytes, monthlyCost: storageCost(bytes, opts.costPerGbMonth) },
        ),
      );
    }
    ctx.progress(0.6, "volumes");

    if (ctx.signal.aborted) throw new FlotillaError("canceled", "scan canceled");
    findings.push(
      ...(await idleFindings(
        ctx,
        docker,
        containers.filter((c) => c.State === "running"),
        opts,
      )),
    );
    ctx.progress(1);
    const reclaimable = findings.reduce((n, f) => n + (f.reclaimableBytes ?? 0), 0);
    const monthly = findings.reduce((n, f) => n + (f.monthlyCost ?? 0), 0);
    return { findings, snapshot: { reclaimable_bytes: reclaimable, monthly_cost: Math.round(monthly * 10000) / 10000 } };
  },
};
