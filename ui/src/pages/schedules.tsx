/**
 * Schedules: recurring scans; operators create, pause, run and delete them.
 */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { ActionButton } from "../components/action-button.js";
import { Badge } from "../components/badge.js";
import { ConfirmDialog } from "../components/confirm-dialog.js";
import { ListTable } from "../components/list-table.js";
import { ScheduleForm } from "../components/schedule-form.js";
import { labelsText, time, timeIn } from "../lib/format.js";
import { isOperator } from "../lib/session.js";
import { useList } from "../lib/use-list.js";
import type { Schedule } from "../types.js";

/** Schedules lists recurring scans (the API serves schedules to operators only). */
export function Schedules() {
  const list = useList<Schedule>(isOperator.value ? "/schedules" : null);
  const [deleting, setDeleting] = useState<Schedule | null>(null);
  const base = (s: Schedule) => `/schedules/${encodeURIComponent(s.id)}`;
  if (!isOperator.value)
    return (
      <section>
        <h1>Schedules</h1>
        <p class="muted">Only operators manage scan schedules.</p>
      </section>
    );
  return (
    <section>
      <h1>Schedules</h1>
      {isOperator.value && !list.unavailable && <ScheduleForm onCreated={list.reload} />}
      <ListTable
        list={list}
        items={list.items}
        what="Scheduling"
        columns={["Name", "When", "Targets", "Next run", "Last run", isOperator.value && "Actions"]}
        row={(s) => (
          <tr key={s.id}>
            <td>
              {s.name} {!s.enabled && <Badge value="paused" />}
            </td>
            <td>
              {s.cron ? (
                <>
                  <code>{s.cron}</code> <span class="muted small">{s.timezone || "UTC"}</span>
                </>
              ) : (
                `every ${s.interval_seconds ?? "?"} s`
              )}
            </td>
            <td>{s.targets?.all ? "all nodes" : labelsText(s.targets?.labels) || (s.targets?.node_ids ?? []).join(", ") || "—"}</td>
            <td data-testid="next-run">{s.cron ? timeIn(s.next_run_at, s.timezone) : time(s.next_run_at)}</td>
            <td>
              {time(s.last_run_at)} {s.last_status && <Badge value={s.last_status} />}
            </td>
            {isOperator.value && (
              <td class="actions">
                <ActionButton onClick={() => api.post(`${base(s)}/run`)} done={`Schedule ${s.name} started`}>
                  Run now
                </ActionButton>
                <ActionButton
                  onClick={async () => {
                    await api.patch(base(s), { enabled: !s.enabled });
                    list.reload();
                  }}
                >
                  {s.enabled ? "Pause" : "Resume"}
                </ActionButton>
                <button type="button" class="btn btn-danger" onClick={() => setDeleting(s)}>
                  Delete
                </button>
              </td>
            )}
          </tr>
        )}
      />
      {deleting && (
        <ConfirmDialog
          title="Delete schedule?"
          confirm="Delete"
          danger
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await api.del(base(deleting));
            list.reload();
          }}
        >
          <p>{deleting.name} will no longer run. Past scans are kept.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
