import { errors, type FieldViolation } from "./errors.js";

/**
 * The one input rule for strings at the edge (REST path, query and body;
 * gRPC messages): no NUL character and no lone UTF-16 surrogate. Neither can
 * be stored faithfully (PostgreSQL rejects NUL in text, SQLite's UTF-8
 * conversion mangles a lone surrogate), so they are refused before any
 * handler sees them.
 */

// A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// eslint-disable-next-line no-control-regex -- matching NUL is the point of this check
const INVALID = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** stringProblem names what is wrong with one string, or undefined when it is acceptable. */
export function stringProblem(s: string): string | undefined {
  const m = INVALID.exec(s);
  if (!m) return undefined;
  return m[0] === "\u0000" ? "must not contain NUL characters" : "must not contain unpaired UTF-16 surrogates";
}

const MAX_WALK_DEPTH = 64;

/**
 * findInvalidString walks a decoded value (JSON, query object, protobuf
 * message) and returns the first string that breaks the rule, as a field
 * violation with a dotted path (`labels.env`, `items.2.name`). Object keys
 * are checked as well as values.
 */
export function findInvalidString(value: unknown, path = ""): FieldViolation | undefined {
  // Nearly every value is clean: a first pass builds no paths and allocates
  // nothing (this runs on every gRPC message); the walk that names the
  // field runs only when there is something to name.
  return anyInvalid(value, 0) ? walk(value, path, 0) : undefined;
}

/** anyInvalid tells whether a value holds a refused string, as walk sees it, without building paths. */
function anyInvalid(value: unknown, depth: number): boolean {
  if (typeof value === "string") return INVALID.test(value);
  if (typeof value !== "object" || value === null || depth > MAX_WALK_DEPTH) return false;
  if (ArrayBuffer.isView(value)) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (anyInvalid(value[i], depth + 1)) return true;
    return false;
  }
  if (value instanceof Map) {
    for (const [k, v] of value) if ((typeof k === "string" && INVALID.test(k)) || anyInvalid(v, depth + 1)) return true;
    return false;
  }
  const o = value as Record<string, unknown>;
  for (const k in o) {
    if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
    if (INVALID.test(k) || anyInvalid(o[k], depth + 1)) return true;
  }
  return false;
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

function walk(value: unknown, path: string, depth: number): FieldViolation | undefined {
  if (typeof value === "string") {
    const p = stringProblem(value);
    return p ? { field: path || "value", message: p } : undefined;
  }
  if (typeof value !== "object" || value === null || depth > MAX_WALK_DEPTH) return undefined;
  if (ArrayBuffer.isView(value)) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = walk(value[i], join(path, String(i)), depth + 1);
      if (v) return v;
    }
    return undefined;
  }
  if (value instanceof Map) {
    for (const [k, v] of value) {
      const kp = typeof k === "string" ? stringProblem(k) : undefined;
      if (kp) return { field: join(path, "key"), message: kp };
      const r = walk(v, join(path, String(k)), depth + 1);
      if (r) return r;
    }
    return undefined;
  }
  for (const [k, v] of Object.entries(value)) {
    const kp = stringProblem(k);
    if (kp) return { field: path || "key", message: `keys ${kp}` };
    const r = walk(v, join(path, k), depth + 1);
    if (r) return r;
  }
  return undefined;
}

/** assertValidStrings throws invalid_argument naming the field when `value` holds a string the rule refuses. */
export function assertValidStrings(value: unknown, where: string, path = ""): void {
  const v = findInvalidString(value, path);
  if (v) throw errors.invalid(`invalid ${where}: ${v.field} ${v.message}`, [v]);
}

/** decodeComponent percent-decodes one URL component; bad encoding and refused characters are invalid_argument naming `field`. */
export function decodeComponent(raw: string, field: string): string {
  let s: string;
  try {
    s = decodeURIComponent(raw);
  } catch {
    throw errors.invalid(`malformed ${field}`, [{ field, message: "bad percent-encoding" }]);
  }
  const p = stringProblem(s);
  if (p) throw errors.invalid(`invalid ${field}: ${p}`, [{ field, message: p }]);
  return s;
}

/**
 * checkQueryString applies the rule to a raw query string (without `?`):
 * every name and value must percent-decode to valid text without refused
 * characters; otherwise invalid_argument naming the parameter.
 */
export function checkQueryString(raw: string): void {
  if (raw === "") return;
  for (const pair of raw.split("&")) {
    const eq = pair.indexOf("=");
    const rawName = (eq >= 0 ? pair.slice(0, eq) : pair).replace(/\+/g, " ");
    const name = decodeComponent(rawName, "query parameter name");
    if (eq >= 0) decodeComponent(pair.slice(eq + 1).replace(/\+/g, " "), name.slice(0, 64));
  }
}
