import type { Collector } from "./collector.js";
import { parseMeminfo } from "./parse/index.js";
import { readText } from "./read.js";

/**
 * createMemoryCollector reports memory and swap from /proc/meminfo.
 * Used memory is MemTotal − MemAvailable (what `free` calls used + the
 * part of caches the kernel cannot reclaim).
 */
export function createMemoryCollector(): Collector {
  return {
    name: "memory",
    async collect(ctx) {
      const m = parseMeminfo(await readText(ctx.procRoot, "meminfo"));
      const total = m.get("MemTotal");
      if (total === undefined) throw new Error("meminfo: no MemTotal");
      const available = m.get("MemAvailable") ?? (m.get("MemFree") ?? 0) + (m.get("Buffers") ?? 0) + (m.get("Cached") ?? 0);
      const used = Math.max(0, total - available);
      const swapTotal = m.get("SwapTotal") ?? 0;
      const swapUsed = Math.max(0, swapTotal - (m.get("SwapFree") ?? 0));
      return [
        { name: "mem.total_bytes", value: total },
        { name: "mem.available_bytes", value: available },
        { name: "mem.used_bytes", value: used },
        { name: "mem.usage_ratio", value: total > 0 ? used / total : 0 },
        { name: "swap.total_bytes", value: swapTotal },
        { name: "swap.used_bytes", value: swapUsed },
      ];
    },
  };
}
