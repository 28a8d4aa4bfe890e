/**
 * Silences: muted notifications by rule and/or label selector; operators
 * create and end them.
 */
import { useState } from "preact/hooks";
import { api } from "../../api.js";
import type { Silence } from "../../automation-types.js";
import { ActionButton } from "../../components/action-button.js";
import { Badge } from "../../components/badge.js";
import { ListTable } from "../../components/list-table.js";
import { SilenceForm } from "../../components/silence-form.js";
import { time } from "../../lib/format.js";
import { ruleName } from "../../lib/names.js";
import { isOperator } from "../../lib/session.js";
import { useList } from "../../lib/use-list.js";

/** Silences lists silences. */
export function Silences() {
  const list = useList<Silence>("/silences");
  const [creating, setCreating] = useState(false);
  const op = isOperator.value;
  return (
    <section>
      <div class="row">
        <h1>Silences</h1>
        <span class="spacer" />
        {op && (
          <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
            New silence
          </button>
        )}
      </div>
      <ListTable
        list={list}
        items={list.items}
        what="Silences"
        testid="silences-table"
        columns={["Rule", "Nodes", "Comment", "By", "Ends", "State", op && "Actions"]}
        row={(s) => (
          <tr key={s.id}>
            <td>{s.rule_id ? ruleName(s.rule_id) : <span class="muted">any rule</span>}</td>
            <td>{s.labels || <span class="muted">all nodes</span>}</td>
            <td class="wrap">{s.comment || "—"}</td>
            <td>{s.created_by || "—"}</td>
            <td>{time(s.ends_at)}</td>
            <td>
              <Badge value={s.active ? "active" : "expired"} />
            </td>
            {op && (
              <td class="actions">
                {s.active && (
                  <ActionButton
                    onClick={async () => {
                      await api.del(`/silences/${encodeURIComponent(s.id)}`);
                      list.reload();
                    }}
                    done="Silence ended"
                  >
                    End now
                  </ActionButton>
                )}
              </td>
            )}
          </tr>
        )}
      />
      {creating && <SilenceForm onClose={() => setCreating(false)} onSaved={list.reload} />}
    </section>
  );
}
