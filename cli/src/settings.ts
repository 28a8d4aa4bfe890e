import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

/** Settings are where the CLI talks to: master URL and API key. */
export interface Settings {
  url: string;
  apiKey?: string;
}

/** configPath is the file `flotilla login` writes ($FLOTILLA_CONFIG or ~/.config/flotilla/config.json). */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.FLOTILLA_CONFIG || join(env.XDG_CONFIG_HOME || join(homedir(), ".config"), "flotilla", "config.json");
}

/** loadSettings resolves flags over FLOTILLA_URL / FLOTILLA_API_KEY over the config file. */
export function loadSettings(flags: { url?: string; apiKey?: string }, env: NodeJS.ProcessEnv = process.env): Settings {
  let file: Partial<Settings> = {};
  try {
    file = JSON.parse(readFileSync(configPath(env), "utf8")) as Partial<Settings>;
  } catch {
    /* no config yet */
  }
  const url = flags.url ?? env.FLOTILLA_URL ?? file.url ?? "http://127.0.0.1:8080";
  const apiKey = flags.apiKey ?? env.FLOTILLA_API_KEY ?? file.apiKey;
  return { url, ...(apiKey ? { apiKey } : {}) };
}

/** saveSettings writes the config file with mode 0600 (it holds an API key). */
export function saveSettings(s: Settings, env: NodeJS.ProcessEnv = process.env): string {
  const path = configPath(env);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(s, null, 2)}\n`, { mode: 0o600 });
  return path;
}
