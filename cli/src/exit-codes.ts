import { FlotillaApiError } from "@flotilla/client";

/**
 * EXIT are the CLI's exit codes: 0 success, 1 error, 2 usage, 3 not
 * authenticated or not allowed, 4 not found, 5 the operation ran and failed
 * (a scan that failed, a conflict).
 */
export const EXIT = { ok: 0, error: 1, usage: 2, auth: 3, notFound: 4, failed: 5 } as const;

/** exitCodeOf maps an error to an exit code. */
export function exitCodeOf(err: unknown): number {
  if (err instanceof FlotillaApiError) {
    if (err.code === "unauthenticated" || err.code === "permission_denied") return EXIT.auth;
    if (err.code === "not_found") return EXIT.notFound;
    if (err.code === "invalid_argument") return EXIT.usage;
    if (err.code === "conflict") return EXIT.failed;
  }
  return EXIT.error;
}

/** CliFailure ends a command with a message and an exit code. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
