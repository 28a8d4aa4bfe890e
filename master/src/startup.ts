import { accessSync, chmodSync, constants, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, type Logger } from "@flotilla/shared";

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

/** DATA_DIR_SECRETS are the owner-only files of the data dir, relative to it. */
const DATA_DIR_SECRETS = ["jwt.key", "webhooks.key", "tls/ca.key", "tls/server.key", "flotilla.db", "flotilla.db-wal", "flotilla.db-shm"];

/**
 * tightenDataDir makes the data dir and its `tls/` 0700 and its keys and
 * SQLite files 0600 when they are looser (a data dir copied or restored
 * with other modes), logging each change; files that do not exist are skipped.
 * Returns the paths it changed.
 */
export function tightenDataDir(dir: string, log: Logger): string[] {
  const changed: string[] = [];
  const tighten = (path: string, mode: number) => {
    let st;
    try {
      st = statSync(path);
    } catch {
      return;
    }
    if ((st.mode & 0o777 & ~mode) === 0) return;
    chmodSync(path, mode);
    changed.push(path);
    log.warn({ path, mode: (st.mode & 0o777).toString(8), now: mode.toString(8) }, "data dir file was readable by others; tightened");
  };
  tighten(dir, 0o700);
  tighten(join(dir, "tls"), 0o700);
  for (const f of DATA_DIR_SECRETS) tighten(join(dir, f), 0o600);
  return changed;
}
