/**
 * RuleGroups shows current findings grouped by rule, most severe first, with
 * how many findings and nodes each rule affects; a rule opens its findings.
 */
import type { Query } from "../api.js";
import { href } from "../lib/router.js";
import { useFetch } from "../lib/use-fetch.js";
import { Badge } from "./badge.js";
import { LoadState } from "./load-state.js";

/** RuleGroup is one entry of by_rule in GET /findings/summary. */
interface RuleGroup {
  rule_id: string;
  scanner: string;
  severity: string;
  title: string;
  findings: number;
  nodes: number;
}

/** RuleGroups fetches the findings summary for `filters` and lists its rules. */
export function RuleGroups({ filters, linkQuery }: { filters: Query; linkQuery: Record<string, string> }) {
  const s = useFetch<{ by_rule?: RuleGroup[] }>("/findings/summary", filters);
  const groups = s.data?.by_rule ?? [];
  return (
    <>
      <LoadState loading={s.loading && !s.data} error={s.error} unavailable={s.unavailable} what="The findings summary" empty={groups.length === 0} />
      {groups.length > 0 && (
        <table class="table" data-testid="rule-groups">
          <thead>
            <tr>
              <th scope="col">Severity</th>
              <th scope="col">Rule</th>
              <th scope="col" class="num">
                Findings
              </th>
              <th scope="col" class="num">
                Nodes
              </th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.rule_id} data-rule={g.rule_id}>
                <td>
                  <Badge value={g.severity} />
                </td>
                <td class="wrap">
                  <a href={href("/findings", { ...linkQuery, view: undefined, rule_id: g.rule_id })}>{g.title}</a>
                  <div class="muted small">
                    {g.scanner} · {g.rule_id}
                  </div>
                </td>
                <td class="num" data-testid="rule-findings">
                  {g.findings}
                </td>
                <td class="num" data-testid="rule-nodes">
                  {g.nodes}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
