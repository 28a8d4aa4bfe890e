import { readFile } from "node:fs/promises";
import { join } from "node:path";

/** readText reads a small text file under a root ("/proc", "/sys", a fixture dir). */
export function readText(root: string, ...parts: string[]): Promise<string> {
  return readFile(join(root, ...parts), "utf8");
}

/** readTextOr reads a text file, returning undefined when it does not exist or cannot be read. */
export async function readTextOr(root: string, ...parts: string[]): Promise<string | undefined> {
  try {
    return await readText(root, ...parts);
  } catch {
    return undefined;
  }
}
