/**
 * ScanForm starts a scan on all nodes or on a label selector, with the
 * scanners chosen from GET /scanners.
 */
import { useState } from "preact/hooks";
import { api, describeError } from "../api.js";
import { parseLabels } from "../lib/format.js";
import { navigate } from "../lib/router.js";
import { useFetch } from "../lib/use-fetch.js";
import type { Page, ScannerInfo } from "../types.js";

/** ScanForm POSTs /scans and opens the new scan. */
export function ScanForm() {
  const catalogue = useFetch<Page<ScannerInfo> | ScannerInfo[]>("/scanners");
  const scanners = Array.isArray(catalogue.data) ? catalogue.data : (catalogue.data?.items ?? []);
  const [target, setTarget] = useState<"all" | "labels">("all");
  const [labels, setLabels] = useState("");
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const toggle = (name: string) => {
    const s = new Set(chosen);
    if (s.has(name)) s.delete(name);
    else s.add(name);
    setChosen(s);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    let targets: Record<string, unknown> = { all: true };
    if (target === "labels") {
      const l = parseLabels(labels);
      if (typeof l === "string" || Object.keys(l).length === 0) return setError(typeof l === "string" ? `Labels: ${l}` : "Enter at least one label.");
      targets = { labels: l };
    }
    setBusy(true);
    try {
      const body: Record<string, unknown> = { targets };
      if (chosen.size) body.scanners = [...chosen];
      const r = await api.post<{ scan_id?: string; id?: string }>("/scans", body);
      navigate(`/scans/${encodeURIComponent(r.scan_id ?? r.id ?? "")}`);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

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
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy}>
        {busy && <span class="spinner" aria-hidden="true" />}
        Start scan
      </button>
    </form>
  );
}
