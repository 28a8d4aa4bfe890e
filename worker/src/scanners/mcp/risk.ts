import { isSecretName } from "../secrets.js";
import type { RawServer } from "./extract.js";
import { commandBase, packageSpec, type PackageSpec } from "./package-spec.js";

/** RiskReason is one reason a server is risky, tied to a catalogue rule. */
export interface RiskReason {
  ruleId: string;
  points: number;
  reason: string;
}

/** Risk is the assessment of one server: a score 0..100, a level and reasons. */
export interface Risk {
  score: number;
  level: "critical" | "high" | "medium" | "low" | "info";
  reasons: RiskReason[];
  package: PackageSpec | null;
  /** Names of secret-looking env vars with literal values (never the values). */
  secretEnvNames: string[];
}

const SHELLS = new Set(["sh", "bash", "zsh", "fish", "dash", "ksh", "csh", "tcsh", "ash", "powershell", "pwsh", "cmd", "nu"]);
const SHELL_SERVER = /(^|[-/@_])(shell|terminal|exec|commands?|desktop-commander|run-command|ssh)([-/@_]|$)/i;
const LOCAL_HOSTS = /^(localhost|127(\.\d+){3}|\[::1\]|::1)$/i;

function isBroadRoot(arg: string, homes: readonly string[]): boolean {
  const a = arg.replace(/\/+$/, "") || "/";
  return (
    a === "/" ||
    a === "~" ||
    a === "$HOME" ||
    a === "${HOME}" ||
    a === "%USERPROFILE%" ||
    /^[A-Za-z]:\\?$/.test(a) ||
    /^\/(home|Users)(\/[^/]+)?$/.test(a) ||
    a === "/root" ||
    homes.includes(a)
  );
}

function isReference(value: string): boolean {
  return /^\$\{[^}]+\}$/.test(value) || /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(value) || value === "";
}

/** assessRisk rates one server; `homes` are the host's home directories. */
export function assessRisk(s: RawServer, homes: readonly string[] = []): Risk {
  const reasons: RiskReason[] = [];
  const pkg = packageSpec(s.command, s.args);
  const cmd = commandBase(s.command);
  const shellArg = s.args.find((a) => SHELLS.has(commandBase(a)));
  if (SHELLS.has(cmd)) reasons.push({ ruleId: "mcp-inventory/shell-access", points: 50, reason: `command is the shell ${cmd}` });
  else if (shellArg) reasons.push({ ruleId: "mcp-inventory/shell-access", points: 50, reason: `arguments run the shell ${commandBase(shellArg)}` });
  else if (SHELL_SERVER.test(pkg?.name ?? cmd))
    reasons.push({ ruleId: "mcp-inventory/shell-access", points: 50, reason: `${pkg?.name ?? cmd} is a command-execution server` });

  if (/filesystem/i.test(pkg?.name ?? cmd) || /filesystem/i.test(s.name)) {
    const broad = s.args.filter((a) => !a.startsWith("-") && a !== pkg?.spec && isBroadRoot(a, homes));
    if (broad.length > 0)
      reasons.push({ ruleId: "mcp-inventory/unrestricted-filesystem", points: 30, reason: `filesystem access rooted at ${broad.join(", ")}` });
  }

  if (s.url) {
    try {
      const u = new URL(s.url);
      if (u.protocol === "http:" && !LOCAL_HOSTS.test(u.hostname)) {
        reasons.push({ ruleId: "mcp-inventory/insecure-transport", points: 25, reason: `remote server ${u.hostname} over plain http` });
      }
    } catch {
      /* not a URL: nothing to rate */
    }
  }

  const secretEnvNames = Object.entries(s.env)
    .filter(([k, v]) => isSecretName(k) && !isReference(v))
    .map(([k]) => k)
    .sort();
  if (secretEnvNames.length > 0)
    reasons.push({ ruleId: "mcp-inventory/secret-in-config", points: 20, reason: `literal secret values for ${secretEnvNames.join(", ")}` });

  if (pkg && !pkg.pinned)
    reasons.push({
      ruleId: "mcp-inventory/unpinned-package",
      points: 15,
      reason: `${pkg.ecosystem} package ${pkg.name} fetched without a pinned version`,
    });

  const score = Math.min(
    100,
    reasons.reduce((n, r) => n + r.points, 0),
  );
  const level = score >= 70 ? "critical" : score >= 50 ? "high" : score >= 25 ? "medium" : score > 0 ? "low" : "info";
  return { score, level, reasons, package: pkg, secretEnvNames };
}
