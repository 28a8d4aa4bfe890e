import { SEVERITIES } from "@flotilla/shared";

/** RuleGroupInput is the part of a finding grouping by rule reads. */
export interface RuleGroupInput {
  ruleId: string;
  scanner: string;
  severity: string;
  title: string;
  nodeId: string;
}

/** RuleGroup is one rule with how many findings and nodes it affects. */
export interface RuleGroup {
  rule_id: string;
  scanner: string;
  severity: string;
  title: string;
  findings: number;
  nodes: number;
}

/** severityRank orders severities: 0 for critical up to 4 for info, 5 for anything else. */
export function severityRank(s: string): number {
  const i = SEVERITIES.indexOf(s as (typeof SEVERITIES)[number]);
  return i < 0 ? SEVERITIES.length : i;
}

/**
 * groupByRule counts findings and distinct nodes per rule, most severe rule
 * first, then the rule affecting most findings, then by rule id. A rule's
 * severity and title are those of its most severe finding.
 */
export function groupByRule(rows: readonly RuleGroupInput[]): RuleGroup[] {
  const groups = new Map<string, RuleGroup & { nodeSet: Set<string> }>();
  for (const r of rows) {
    let g = groups.get(r.ruleId);
    if (!g) {
      g = { rule_id: r.ruleId, scanner: r.scanner, severity: r.severity, title: r.title, findings: 0, nodes: 0, nodeSet: new Set() };
      groups.set(r.ruleId, g);
    }
    g.findings++;
    g.nodeSet.add(r.nodeId);
    if (severityRank(r.severity) < severityRank(g.severity)) Object.assign(g, { severity: r.severity, title: r.title });
  }
  return [...groups.values()]
    .map(({ nodeSet, ...g }) => ({ ...g, nodes: nodeSet.size }))
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || b.findings - a.findings || (a.rule_id < b.rule_id ? -1 : 1));
}
