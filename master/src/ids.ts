import { randomBytes } from "node:crypto";

let lastMs = 0;
let counter = 0;

/**
 * newId returns an opaque, time-sortable id: `<prefix>_<ms base36><counter><random>`.
 * Ids made later in the same process compare greater as strings.
 */
export function newId(prefix: string): string {
  const now = Date.now();
  if (now === lastMs) counter++;
  else {
    lastMs = now;
    counter = 0;
  }
  const time = now.toString(36).padStart(9, "0");
  const seq = counter.toString(36).padStart(3, "0");
  return `${prefix}_${time}${seq}${randomBytes(6).toString("hex")}`;
}
