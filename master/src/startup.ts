import { mkdirSync, accessSync, constants } from "node:fs";
import { ConfigError } from "@flotilla/shared";

/** errnoText renders a system error as `CODE (message)` without a stack. */
export function errnoText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e.code === "string") return `${e.code}: ${e.message.replace(/^\w+: /, "")}`;
  return err instanceof Error ? err.message : String(err);
}

/**
 * ensureDataDir creates the data directory (and parents) and checks that it
 * is writable; a path under a regular file, or a read-only one, becomes a
 * ConfigError naming --data-dir.
 */
export function ensureDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    throw ConfigError.startup("--data-dir", `${dir}: ${errnoText(err)}`);
  }
}

/** listenError names the address setting a failed listen belongs to. */
export function listenError(setting: string, addr: string, err: unknown): ConfigError {
  const code = (err as NodeJS.ErrnoException)?.code;
  const why =
    code === "EADDRINUSE"
      ? "address already in use"
      : code === "EACCES"
        ? "permission denied"
        : code === "EADDRNOTAVAIL"
          ? "address not available on this host"
          : errnoText(err);
  return ConfigError.startup(setting, `cannot listen on ${addr}: ${why}`);
}
