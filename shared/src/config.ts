/**
 * Configuration helpers shared by master and worker: flags override
 * environment variables, which override defaults. A bad value stops the
 * process with one line naming the setting.
 */

/**
 * ConfigError names the setting that is wrong: an invalid value, or one the
 * process could not start with (an address in use, a database that refuses
 * connections). Both stop the process with exit code 2.
 */
export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(
    readonly setting: string,
    message: string,
    prefix = "invalid configuration",
  ) {
    super(`${prefix}: ${setting}: ${message}`);
  }

  /** startup is a ConfigError for a valid setting the process cannot start with. */
  static startup(setting: string, message: string): ConfigError {
    return new ConfigError(setting, message, "cannot start");
  }
}

/** SettingSpec describes one setting: its flag, env var and parser. */
export interface SettingSpec<T> {
  flag: string;
  env?: string;
  default: T;
  parse: (raw: string) => T;
  /** Flag takes no value (e.g. --insecure); presence means "true". */
  boolean?: boolean;
  /** One line for --help: what the setting does and its default. */
  help?: string;
}

/**
 * parseArgv splits `--name value`, `--name=value` and bare boolean flags.
 * With `known`, a flag not in it is rejected by name before its value is
 * looked for.
 */
export function parseArgv(argv: string[], booleanFlags: Set<string>, known?: Set<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) throw new ConfigError(arg, "unexpected argument");
    const eq = arg.indexOf("=");
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (known && !known.has(name)) throw new ConfigError(`--${name}`, "unknown flag (see --help)");
    if (eq >= 0) out.set(name, arg.slice(eq + 1));
    else if (booleanFlags.has(name)) out.set(name, "true");
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) throw new ConfigError(`--${name}`, "missing value");
      out.set(name, next);
      i++;
    }
  }
  return out;
}

/**
 * resolveConfig reads every setting of `specs` from argv and env. Unknown
 * flags are rejected by name.
 */
export function resolveConfig<S extends Record<string, SettingSpec<unknown>>>(
  specs: S,
  argv: string[],
  env: NodeJS.ProcessEnv,
): { [K in keyof S]: S[K] extends SettingSpec<infer T> ? T : never } {
  const booleans = new Set(
    Object.values(specs)
      .filter((s) => s.boolean)
      .map((s) => s.flag),
  );
  const known = new Set(Object.values(specs).map((s) => s.flag));
  const flags = parseArgv(argv, booleans, known);
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const fromFlag = flags.get(spec.flag);
    const fromEnv = spec.env ? env[spec.env] : undefined;
    const raw = fromFlag ?? (fromEnv === "" ? undefined : fromEnv);
    const name = fromFlag !== undefined ? `--${spec.flag}` : (spec.env ?? `--${spec.flag}`);
    if (raw === undefined) {
      out[key] = spec.default;
      continue;
    }
    try {
      out[key] = spec.parse(raw);
    } catch (err) {
      throw new ConfigError(name, err instanceof Error ? err.message : String(err));
    }
  }
  return out as never;
}

/** Parsers for common setting types. Each throws with a short reason. */
export const parse = {
  string: (raw: string) => raw,
  /** HOST:PORT; port 0 means any free port. */
  hostPort(raw: string): { host: string; port: number } {
    const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.\-_]*):(\d{1,5})$/.exec(raw);
    if (!m) throw new Error(`expected HOST:PORT, got "${raw}"`);
    const port = Number(m[2]);
    if (port > 65535) throw new Error(`port ${port} out of range`);
    const host = m[1]!.replace(/^\[|\]$/g, "") || "0.0.0.0";
    return { host, port };
  },
  bool(raw: string): boolean {
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    throw new Error(`expected true or false, got "${raw}"`);
  },
  int(min: number, max: number) {
    return (raw: string): number => {
      if (!/^-?\d+$/.test(raw)) throw new Error(`expected an integer, got "${raw}"`);
      const n = Number(raw);
      if (n < min || n > max) throw new Error(`must be between ${min} and ${max}`);
      return n;
    };
  },
  /** Duration like 500ms, 15s, 5m, 1h, 30d; a bare number is seconds. */
  durationMs(raw: string): number {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(raw.trim());
    if (!m) throw new Error(`expected a duration like 15s, got "${raw}"`);
    const mult = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? "s") as "ms" | "s" | "m" | "h" | "d"];
    return Math.round(Number(m[1]) * mult);
  },
  oneOf<T extends string>(values: readonly T[]) {
    return (raw: string): T => {
      if (!(values as readonly string[]).includes(raw)) throw new Error(`must be one of ${values.join(", ")}`);
      return raw as T;
    };
  },
  /** k=v,k2=v2 label list. */
  labels: (raw: string) => parseLabels(raw),
};

const LABEL_KEY = /^[A-Za-z0-9]([A-Za-z0-9._/-]{0,62}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^[A-Za-z0-9._:/@+-]{0,128}$/;

/** formatHostPort renders HOST:PORT, bracketing IPv6 hosts; the inverse of parse.hostPort. */
export function formatHostPort(host: string, port: number): string {
  return `${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/** parseLabels parses `k=v,k2=v2` and validates keys and values. */
export function parseLabels(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw.trim() === "") return out;
  for (const part of raw.split(",")) {
    const eq = part.indexOf("=");
    if (eq <= 0) throw new Error(`label "${part}" is not k=v`);
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    validateLabel(k, v);
    out[k] = v;
  }
  return out;
}

/** validateLabel throws when a label key or value is not allowed. */
export function validateLabel(k: string, v: string): void {
  if (!LABEL_KEY.test(k)) throw new Error(`label key "${k}" is invalid`);
  if (!LABEL_VALUE.test(v)) throw new Error(`label value for "${k}" is invalid`);
}
