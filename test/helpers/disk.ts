import { closeSync, openSync, writeSync } from "node:fs";

/** fillFileSystem writes to a file until its file system is full, down to the last 512 bytes. */
export function fillFileSystem(file: string): void {
  const fd = openSync(file, "w");
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch {
    for (;;) {
      try {
        writeSync(fd, chunk, 0, 512);
      } catch {
        break;
      }
    }
  } finally {
    closeSync(fd);
  }
}
