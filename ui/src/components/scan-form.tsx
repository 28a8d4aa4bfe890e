/**
 * ScanForm starts a scan on all nodes or on a label selector, with the
 * scanners chosen from GET /scanners.
 */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { parseLabels } from "../lib/format.js";
import { navigate } from "../lib/router.js";
import { useFetch } from "../lib/use-fetch.js";
import type { Page, ScannerInfo } from "../types.js";
import { useSubmit } from "../lib/use-submit.js";
import { FormError, SubmitButton } from "./form-parts.js";

/** ScanForm POSTs /scans and opens the new scan. */
export function ScanForm() {
  const catalogue = useFetch<Page<ScannerInfo> | ScannerInfo[]>("/scanners");
  const scanners = Array.isArray(catalogue.data) ? catalogue.data : (catalogue.data?.items ?? []);
  const [target, setTarget] = useState<"all" | "labels">("all");
  const [labels, setLabels] = useState("");
  const [chosen, setChosen] = useState<Set<string>>(new Set());

  const toggle = (name: string) => {
    const s = new Set(chosen);
    if (s.has(name)) s.delete(name);
    else s.add(name);
    setChosen(s);
  };
  const { busy, error, submit } = useSubmit(async () => {
    let targets: Record<string, unknown> = { all: true };
    if (target === "labels") {
      const l = parseLabels(labels);
      if (typeof l === "string" || Object.keys(l).length === 0) throw new Error(typeof l === "string" ? `Labels: ${l}` : "Enter at least one label.");
      targets = { labels: l };
    }
    const body: Record<string, unknown> = { targets };
    if (chosen.size) body.scanners = [...chosen];
    const r = await api.post<{ scan_id?: string; id?: string }>("/scans", body);
    navigate(`/scans/${encodeURIComponent(r.scan_id ?? r.id ?? "")}`);
  });

  return (
    <form class="card" onSubmit={submit} aria-label="Start a scan">
      <fieldset>
        <legend>Targets</legend>
        <label class="inline">
          <input type="radio" name="target" checked={target === "all"} onChange={() => setTarget("all")} /> All nodes
        </label>
        <label class="inline">
          <input type="radio" name="target" checked={target === "labels"} onChange={() => setTarget("labels")} /> Nodes with labels
        </label>
        {target === "labels" && (
          <label>
            Label selector
            <input value={labels} onInput={(e) => setLabels(e.currentTarget.value)} placeholder="env=prod" />
          </label>
        )}
      </fieldset>
      <fieldset>
        <legend>Scanners (none selected = all)</legend>
        {catalogue.unavailable && <p class="muted">The scanner catalogue is not available.</p>}
        {scanners.map((s) => (
          <label key={s.name} class="inline" title={s.description}>
            <input type="checkbox" checked={chosen.has(s.name)} onChange={() => toggle(s.name)} /> {s.name}
          </label>
        ))}
      </fieldset>
      <FormError error={error} />
      <SubmitButton busy={busy}>Start scan</SubmitButton>
    </form>
  );
}
