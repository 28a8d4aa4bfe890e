/**
 * ScheduleForm creates a recurring scan (interval or cron).
 */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { parseLabels } from "../lib/format.js";
import { useSubmit } from "../lib/use-submit.js";
import { FormError, SubmitButton } from "./form-parts.js";

/** ScheduleForm POSTs /schedules and calls onCreated. */
export function ScheduleForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState("");
  const [every, setEvery] = useState("3600");
  const [cron, setCron] = useState("");
  // Cron fields are read in this zone (the server defaults to UTC); the browser's zone is the likely intent.
  const [zone, setZone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC");
  const [labels, setLabels] = useState("");
  const [scanners, setScanners] = useState("");
  const { busy, error, submit } = useSubmit(async () => {
    const l = parseLabels(labels);
    if (typeof l === "string") throw new Error(`Labels: ${l}`);
    const body: Record<string, unknown> = {
      name,
      targets: Object.keys(l).length ? { labels: l } : { all: true },
    };
    if (cron.trim()) {
      body.cron = cron.trim();
      body.timezone = zone.trim() || "UTC";
    } else body.interval_seconds = Number(every);
    const list = scanners
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (list.length) body.scanners = list;
    await api.post("/schedules", body);
    setName("");
    onCreated();
  });
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
        Time zone (cron)
        <input value={zone} placeholder="UTC" disabled={!cron.trim()} onInput={(e) => setZone(e.currentTarget.value)} />
      </label>
      <label>
        Labels (empty = all nodes)
        <input value={labels} placeholder="env=prod" onInput={(e) => setLabels(e.currentTarget.value)} />
      </label>
      <label>
        Scanners (empty = all)
        <input value={scanners} placeholder="docker-waste,host-census" onInput={(e) => setScanners(e.currentTarget.value)} />
      </label>
      <SubmitButton busy={busy}>Create schedule</SubmitButton>
      <FormError error={error} />
    </form>
  );
}
