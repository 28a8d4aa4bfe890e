import type { Command } from "commander";
import type { Api } from "./api.js";
import { render, type OutputOptions } from "./output.js";

type Ctx = { api: () => Api; out: (s: string) => void; opts: () => OutputOptions };
const enc = encodeURIComponent;

/** registerOpsCommands adds the alerting and webhook commands: `alerts ls|ack|resolve`, `webhooks ls`. */
export function registerOpsCommands(program: Command, c: Ctx): void {
  const alerts = program.command("alerts").description("alerts fired by alert rules");
  alerts
    .command("ls")
    .description("list alerts, newest first")
    .option("--state <state>", "firing, acknowledged or resolved")
    .option("--severity <s>")
    .option("--node <id>")
    .option("--rule <id>")
    .action(async (o: { state?: string; severity?: string; node?: string; rule?: string }) => {
      const rows = await c.api().all("/api/v1/alerts", { state: o.state, severity: o.severity, node_id: o.node, rule_id: o.rule });
      c.out(render(rows, ["id", "state", "severity", "summary", "node_id", "fired_at"], c.opts()));
    });
  for (const [verb, path, what] of [
    ["ack", "acknowledge", "acknowledge a firing alert (stops repeats)"],
    ["resolve", "resolve", "resolve an alert"],
  ] as const) {
    alerts
      .command(`${verb} <id>`)
      .description(what)
      .action(async (id: string) => {
        c.out(render(await c.api().send("POST", `/api/v1/alerts/${enc(id)}/${path}`), ["id", "state", "acknowledged_by", "resolved_by"], c.opts()));
      });
  }
  program
    .command("webhooks")
    .description("webhook endpoints (admin)")
    .command("ls")
    .description("list webhooks")
    .action(async () =>
      c.out(render(await c.api().all("/api/v1/webhooks"), ["id", "name", "url", "enabled", "event_types", "failing_since"], c.opts())),
    );
}
