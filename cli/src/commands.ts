import { followContainerLogs, followFeed } from "@flotilla/client";
import type { Command } from "commander";
import type { Api } from "./api.js";
import { CliFailure, EXIT } from "./exit-codes.js";
import { render, type OutputOptions } from "./output.js";

type Ctx = { api: () => Api; out: (s: string) => void; err: (s: string) => void; opts: () => OutputOptions };
const enc = encodeURIComponent;

function labelArgs(pairs: string[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const p of pairs) {
    if (p.endsWith("-")) out[p.slice(0, -1)] = null;
    else {
      const eq = p.indexOf("=");
      if (eq <= 0) throw new CliFailure(`label "${p}" is not key=value (or key- to remove)`, EXIT.usage);
      out[p.slice(0, eq)] = p.slice(eq + 1);
    }
  }
  return out;
}

/** registerCommands adds the resource commands to the program. */
export function registerCommands(program: Command, c: Ctx): void {
  const nodes = program.command("nodes").description("fleet nodes");
  nodes
    .command("ls")
    .description("list nodes")
    .option("--status <status>", "online or offline")
    .action(async (o: { status?: string }) => {
      const rows = await c.api().all("/api/v1/nodes", { status: o.status });
      c.out(render(rows, ["id", "hostname", "status", "labels", "last_seen_at"], c.opts()));
    });
  nodes
    .command("get <id>")
    .description("show one node")
    .action(async (id: string) => {
      c.out(render(await c.api().get(`/api/v1/nodes/${enc(id)}`), ["id", "hostname", "status", "os", "arch", "agent_version", "labels"], c.opts()));
    });
  nodes
    .command("label <id> <labels...>")
    .description("set labels (k=v) or remove them (k-)")
    .action(async (id: string, pairs: string[]) => {
      const node = await c.api().get(`/api/v1/nodes/${enc(id)}`);
      const next: Record<string, string> = { ...(node.labels as Record<string, string>) };
      for (const [k, v] of Object.entries(labelArgs(pairs))) v === null ? delete next[k] : (next[k] = v);
      c.out(render(await c.api().send("PATCH", `/api/v1/nodes/${enc(id)}`, { labels: next }), ["id", "hostname", "labels"], c.opts()));
    });
  nodes
    .command("rm <id>")
    .description("delete a node (revokes its certificate)")
    .action(async (id: string) => {
      await c.api().send("DELETE", `/api/v1/nodes/${enc(id)}`);
      if (!c.opts().json) c.out(`deleted node ${id}\n`);
    });

  const tokens = program.command("tokens").description("join tokens");
  tokens
    .command("create")
    .description("create a join token and print its join command")
    .option("--name <name>")
    .option("--ttl <seconds>", "lifetime in seconds", (v) => Number(v))
    .option("--max-uses <n>", "0 = unlimited", (v) => Number(v))
    .option("--labels <k=v,...>", "labels for nodes that enroll with it")
    .action(async (o: { name?: string; ttl?: number; maxUses?: number; labels?: string }) => {
      const labels = o.labels ? Object.fromEntries(o.labels.split(",").map((p) => p.split("=") as [string, string])) : undefined;
      const t = await c.api().send("POST", "/api/v1/enrollment-tokens", {
        ...(o.name ? { name: o.name } : {}),
        ...(o.ttl ? { ttl_seconds: o.ttl } : {}),
        ...(o.maxUses !== undefined ? { max_uses: o.maxUses } : {}),
        ...(labels ? { labels } : {}),
      });
      c.out(c.opts().json || c.opts().output ? render(t, [], c.opts()) : `${String(t!.join_command)}\n`);
    });
  tokens
    .command("ls")
    .description("list join tokens")
    .action(async () =>
      c.out(render(await c.api().all("/api/v1/enrollment-tokens"), ["id", "name", "status", "uses", "max_uses", "expires_at"], c.opts())),
    );

  program
    .command("fleet")
    .description("fleet overview")
    .command("status")
    .description("nodes online/offline and findings")
    .action(async () => {
      const s = await c.api().get("/api/v1/fleet/status");
      c.out(
        c.opts().json || c.opts().output
          ? render(s, [], c.opts())
          : Object.entries(s)
              .map(([k, v]) => `${k.padEnd(20)} ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
              .join("\n") + "\n",
      );
    });

  const containers = program.command("containers").description("containers on the fleet's nodes");
  containers
    .command("ls")
    .option("--node <id>")
    .action(async (o: { node?: string }) => {
      const rows = await c.api().all(o.node ? `/api/v1/nodes/${enc(o.node)}/containers` : "/api/v1/containers");
      c.out(render(rows, ["node_id", "id", "name", "image", "state"], c.opts()));
    });
  for (const action of ["start", "stop", "restart"] as const) {
    containers
      .command(`${action} <node> <container>`)
      .description(`${action} a container`)
      .action(async (node: string, cid: string) => {
        const r = await c.api().send("POST", `/api/v1/nodes/${enc(node)}/containers/${enc(cid)}/actions`, { action });
        c.out(render(r, ["id", "status", "result"], c.opts()));
        if (r && r.status === "failed") throw new CliFailure(`${action} failed: ${String(r.error ?? "")}`, EXIT.failed);
      });
  }
  containers
    .command("logs <node> <container>")
    .option("--tail <n>", "last lines", (v) => Number(v), 100)
    .option("-f, --follow", "follow new lines (Ctrl-C stops)")
    .action(async (node: string, cid: string, o: { tail: number; follow?: boolean }) => {
      if (o.follow) {
        const stop = new AbortController();
        process.once("SIGINT", () => stop.abort());
        process.once("SIGTERM", () => stop.abort());
        const { url, apiKey } = c.api().settings;
        for await (const l of followContainerLogs({ url, ...(apiKey ? { apiKey } : {}), nodeId: node, containerId: cid, signal: stop.signal }))
          c.out(c.opts().json ? `${JSON.stringify(l)}\n` : `${l.text}\n`);
        return;
      }
      const r = await c.api().get(`/api/v1/nodes/${enc(node)}/containers/${enc(cid)}/logs`, { tail: o.tail });
      c.out(c.opts().json ? render(r, [], c.opts()) : ((r.lines as { text: string }[]) ?? []).map((l) => `${l.text}\n`).join(""));
    });

  const scans = program.command("scans").description("scans");
  scans
    .command("ls")
    .action(async () => c.out(render(await c.api().all("/api/v1/scans"), ["id", "status", "scanners", "created_at", "summary.total"], c.opts())));
  scans
    .command("run")
    .description("start a scan on nodes (all by default)")
    .option("--node <id...>", "target node ids")
    .option("--label <k=v...>", "target nodes by label")
    .option("--scanner <name...>", "scanners (default: all)")
    .option("--deadline <seconds>", "how long offline targets are waited for", (v) => Number(v))
    .option("--wait", "wait for the scan to finish, with progress; exit 5 when it fails")
    .action(async (o: { node?: string[]; label?: string[]; scanner?: string[]; deadline?: number; wait?: boolean }) => {
      const targets = o.node ? { node_ids: o.node } : o.label ? { labels: labelArgs(o.label) } : { all: true };
      let scan = (await c.api().send("POST", "/api/v1/scans", {
        targets,
        ...(o.scanner ? { scanners: o.scanner } : {}),
        ...(o.deadline ? { deadline_seconds: o.deadline } : {}),
      }))!;
      if (!o.wait) return c.out(render(scan, ["id", "status"], c.opts()));
      const tty = process.stderr.isTTY;
      while (!["completed", "failed", "canceled"].includes(String(scan.status))) {
        await new Promise((r) => setTimeout(r, 500));
        scan = await c.api().get(`/api/v1/scans/${enc(String(scan.id))}`);
        const pct = Math.round(Number(scan.progress ?? 0) * 100);
        const bar = "#".repeat(Math.round(pct / 5)).padEnd(20, ".");
        c.err(`${tty ? "\r" : ""}scan ${String(scan.id)} [${bar}] ${String(pct).padStart(3)}% ${String(scan.status)}${tty ? "" : "\n"}`);
      }
      if (tty) c.err("\n");
      c.out(render(scan, ["id", "status", "summary.total", "error"], c.opts()));
      if (scan.status !== "completed")
        throw new CliFailure(`scan ${String(scan.id)} ${String(scan.status)}${scan.error ? `: ${String(scan.error)}` : ""}`, EXIT.failed);
    });

  const findings = program.command("findings").description("findings");
  findings
    .command("ls")
    .option("--status <s>")
    .option("--severity <s>")
    .option("--node <id>")
    .action(async (o: { status?: string; severity?: string; node?: string }) => {
      const rows = await c.api().all("/api/v1/findings", { status: o.status, severity: o.severity, node_id: o.node });
      c.out(render(rows, ["fingerprint", "severity", "scanner", "title", "node_id", "status"], c.opts()));
    });
  findings
    .command("triage <fingerprint> <status>")
    .description("set triage status (open, acknowledged, ignored, …)")
    .option("--note <text>")
    .action(async (fp: string, status: string, o: { note?: string }) => {
      c.out(
        render(
          await c.api().send("PATCH", `/api/v1/findings/${enc(fp)}`, { status, ...(o.note ? { note: o.note } : {}) }),
          ["fingerprint", "triage_status"],
          c.opts(),
        ),
      );
    });

  program
    .command("audit")
    .description("audit log (admin)")
    .command("ls")
    .action(async () =>
      c.out(render(await c.api().all("/api/v1/audit"), ["created_at", "actor", "action", "target_type", "target_id", "outcome"], c.opts())),
    );

  program
    .command("events")
    .description("event feed")
    .command("tail")
    .description("follow the live feed (Ctrl-C stops)")
    .option("--since <event id>", "replay stored events after this id first")
    .option("--type <pattern...>", "event types (node.*, scan.completed)")
    .action(async (o: { since?: string; type?: string[] }) => {
      const stop = new AbortController();
      process.once("SIGINT", () => stop.abort());
      process.once("SIGTERM", () => stop.abort());
      const { url, apiKey } = c.api().settings;
      for await (const e of followFeed({
        url,
        ...(apiKey ? { apiKey } : {}),
        ...(o.since ? { since: o.since } : {}),
        ...(o.type ? { types: o.type } : {}),
        signal: stop.signal,
      })) {
        c.out(c.opts().json ? `${JSON.stringify(e)}\n` : `${e.ts}  ${e.type.padEnd(22)} ${e.node_id ?? "-"}  ${JSON.stringify(e.data)}\n`);
      }
    });
}
