import type { SettingSpec } from "./config.js";
import { AGENT_VERSION } from "./version.js";

/** CliAction is what a binary does before reading its configuration. */
export type CliAction = "help" | "version" | "run";

/**
 * cliAction reports whether argv asks for `--help` (`-h`) or `--version`
 * (`-V`); either wins over every other argument, as in most Unix tools.
 */
export function cliAction(argv: readonly string[]): CliAction {
  if (argv.some((a) => a === "--help" || a === "-h")) return "help";
  if (argv.some((a) => a === "--version" || a === "-V")) return "version";
  return "run";
}

/** versionLine is the `--version` answer: `<binary> <version>`. */
export function versionLine(binary: string): string {
  return `${binary} ${AGENT_VERSION}\n`;
}

/**
 * renderHelp renders `--help` for a binary from its setting specs: usage,
 * one line per flag with its environment variable, then `extra` lines.
 */
export function renderHelp(binary: string, summary: string, specs: Record<string, SettingSpec<unknown>>, extra: string[] = []): string {
  const rows = Object.values(specs).map((s) => ({
    left: `--${s.flag}${s.boolean ? "" : " VALUE"}`,
    right: [s.help ?? "", s.env ? `[${s.env}]` : ""].filter(Boolean).join(" "),
  }));
  rows.push({ left: "--help, -h", right: "print this help and exit" }, { left: "--version, -V", right: "print the version and exit" });
  const width = Math.max(...rows.map((r) => r.left.length)) + 2;
  return [
    `Usage: ${binary} [flags]`,
    "",
    summary,
    "",
    "Flags (a flag overrides its environment variable):",
    ...rows.map((r) => `  ${r.left.padEnd(width)}${r.right}`),
    ...(extra.length ? ["", ...extra] : []),
    "",
  ].join("\n");
}
