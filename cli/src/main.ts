#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { FlotillaApiError } from "@flotilla/client";
import { createApi, type Api } from "./api.js";
import { registerCommands } from "./commands.js";
import { registerOpsCommands } from "./commands-ops.js";
import { completionScript } from "./completion.js";
import { CliFailure, EXIT, exitCodeOf } from "./exit-codes.js";
import { loadSettings, saveSettings } from "./settings.js";

const VERSION = "0.1.0";

/** buildProgram assembles the `flotilla` command tree. */
export function buildProgram(): Command {
  const program = new Command("flotilla")
    .description("Command line for a Flotilla master")
    .version(VERSION, "-V, --version")
    .option("--url <url>", "master URL [FLOTILLA_URL]")
    .option("--api-key <key>", "API key [FLOTILLA_API_KEY]")
    .option("--json", "machine-readable JSON output")
    .option("-o, --output <fields>", "print only these fields, tab-separated (e.g. id,labels.env)")
    .showHelpAfterError()
    .exitOverride();
  let api: Api | undefined;
  const g = () => program.opts<{ url?: string; apiKey?: string; json?: boolean; output?: string }>();
  const ctx = {
    api: () => (api ??= createApi(loadSettings(g()))),
    out: (s: string) => process.stdout.write(s),
    err: (s: string) => process.stderr.write(s),
    opts: () => ({ ...(g().json ? { json: true } : {}), ...(g().output ? { output: g().output! } : {}) }),
  };
  registerCommands(program, ctx);
  registerOpsCommands(program, ctx);
  program
    .command("login")
    .description("check the URL and API key and save them to the config file")
    .action(async () => {
      const settings = loadSettings(g());
      if (!settings.apiKey) throw new CliFailure("login needs --api-key (or FLOTILLA_API_KEY)", EXIT.usage);
      const me = (await createApi(settings).get("/api/v1/auth/me")) as { username?: string; role?: string };
      const path = saveSettings(settings);
      process.stdout.write(`logged in to ${settings.url} as ${me.username ?? "?"} (${me.role ?? "?"}); saved ${path}\n`);
    });
  program
    .command("completion [shell]")
    .description("print a shell completion script (bash or zsh)")
    .action((shell: string = "bash") => {
      process.stdout.write(completionScript(program, shell));
    });
  program
    .command("mcp")
    .description("serve the Model Context Protocol on stdio, or over streamable HTTP with --http")
    .option("--http <host:port>", "serve MCP at http://HOST:PORT/mcp; each caller authenticates with their own API key or token")
    .action(async (o: { http?: string }) => {
      if (o.http) {
        const { serveMcpHttp } = await import("./mcp-http.js");
        await serveMcpHttp({ masterUrl: loadSettings(g()).url, addr: o.http });
        return;
      }
      const { serveMcpStdio } = await import("./mcp.js");
      await serveMcpStdio(createApi(loadSettings(g())));
    });
  return program;
}

async function main(): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.usage);
    if (err instanceof CliFailure) {
      process.stderr.write(`flotilla: ${err.message}\n`);
      process.exit(err.exitCode);
    }
    if (err instanceof FlotillaApiError) {
      process.stderr.write(`flotilla: ${err.message} (${err.code}, HTTP ${err.status})\n`);
      process.exit(exitCodeOf(err));
    }
    process.stderr.write(`flotilla: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(EXIT.error);
  }
}

await main();
