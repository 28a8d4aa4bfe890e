/**
 * ScheduleForm creates a recurring scan (interval or cron).
 */
import { useState } from "preact/hooks";
import { api, describeError } from "../api.js";
import { parseLabels } from "../lib/format.js";

/** ScheduleForm POSTs /schedules and calls onCreated. */
export function ScheduleForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState("");
  const [every, setEvery] = useState("3600");
  const [cron, setCron] = useState("");
  const [labels, setLabels] = useState("");
  const [scanners, setScanners] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    const l = parseLabels(labels);
    if (typeof l === "string") return setError(`Labels: ${l}`);
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = {
        name,
        targets: Object.keys(l).length ? { labels: l } : { all: true },
      };
      if (cron.trim()) body.cron = cron.trim();
      else body.interval_seconds = Number(every);
      const list = scanners.split(",").map((s) => s.trim()).filter(Boolean);
      if (list.length) body.scanners = list;
      await api.post("/schedules", body);
      setName("");
      onCreated();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card filters" onSubmit={submit} aria-label="Create schedule">
      <label>
        Name
        <input required value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        Every (seconds)
        <input type="number" min={60} value={every} disabled={!!cron.trim()} onInput={(e) => setEvery(e.currentTarget.value)} />
      </label>
      <label>
        or cron
        <input value={cron} placeholder="0 3 * * *" onInput={(e) => setCron(e.currentTarget.value)} />
      </label>
      <label>
        Labels (empty = all nodes)
        <input value={labels} placeholder="env=prod" onInput={(e) => setLabels(e.currentTarget.value)} />
      </label>
      <label>
        Scanners (empty = all)
        <input value={scanners} placeholder="docker-waste,host-census" onInput={(e) => setScanners(e.currentTarget.value)} />
      </label>
      <button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy}>
        {busy && <span class="spinner" aria-hidden="true" />}
        Create schedule
      </button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
