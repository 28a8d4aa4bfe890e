import { FlotillaError, errors } from "@flotilla/shared";
import type { Context } from "koa";

/** BODY_LIMIT_BYTES is the largest request body accepted (1 MiB). */
export const BODY_LIMIT_BYTES = 1024 * 1024;
/** MAX_JSON_DEPTH is the deepest object/array nesting accepted. */
export const MAX_JSON_DEPTH = 32;
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

/** NO_BODY marks a request that carried no body at all. */
export const NO_BODY: unique symbol = Symbol("no body");

function hasBody(ctx: Context): boolean {
  const len = ctx.req.headers["content-length"];
  if (len !== undefined) return len !== "0";
  return ctx.req.headers["transfer-encoding"] !== undefined;
}

/** readRaw reads the body up to the limit; beyond it, drains a bounded amount and answers 413. */
async function readRaw(ctx: Context): Promise<Buffer> {
  const declared = Number(ctx.req.headers["content-length"] ?? NaN);
  const tooLarge = () => new FlotillaError("invalid_argument", `request body larger than ${BODY_LIMIT_BYTES} bytes`, [], { status: 413 });
  const chunks: Buffer[] = [];
  let size = 0;
  let over = declared > BODY_LIMIT_BYTES;
  if (declared > DRAIN_LIMIT_BYTES) {
    ctx.set("Connection", "close");
    throw tooLarge();
  }
  try {
    for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > BODY_LIMIT_BYTES) over = true;
      if (!over) chunks.push(chunk);
      if (size > DRAIN_LIMIT_BYTES) {
        ctx.set("Connection", "close");
        break;
      }
    }
  } catch {
    throw errors.invalid("request body could not be read");
  }
  if (over) throw tooLarge();
  return Buffer.concat(chunks, size);
}

/** jsonDepthExceeds scans JSON text (outside strings) for nesting deeper than `max`. */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * readJsonBody returns the parsed JSON body, or NO_BODY when the request has
 * none. Only `application/json` in UTF-8 is accepted (415 otherwise); bodies
 * over 1 MiB get 413; invalid UTF-8, malformed JSON, nesting deeper than 32
 * and `__proto__` keys get 400.
 */
export async function readJsonBody(ctx: Context): Promise<unknown> {
  if (!hasBody(ctx)) return NO_BODY;
  const type = ctx.req.headers["content-type"] ?? "";
  const [media, ...params] = type.split(";").map((s) => s.trim().toLowerCase());
  if (media !== "application/json") throw new FlotillaError("invalid_argument", "request body must be application/json", [], { status: 415 });
  const charset = params
    .find((p) => p.startsWith("charset="))
    ?.slice(8)
    .replace(/"/g, "");
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8")
    throw new FlotillaError("invalid_argument", "request body must be UTF-8 JSON", [], { status: 415 });
  const encoding = ctx.req.headers["content-encoding"];
  if (encoding !== undefined && encoding.toLowerCase() !== "identity")
    throw new FlotillaError("invalid_argument", "compressed request bodies are not accepted", [], { status: 415 });
  const raw = await readRaw(ctx);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(raw);
  } catch {
    throw errors.invalid("request body is not valid UTF-8");
  }
  if (text.trim() === "") return NO_BODY;
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) throw errors.invalid(`request body nests deeper than ${MAX_JSON_DEPTH} levels`);
  let forbiddenKey = false;
  let value: unknown;
  try {
    value = JSON.parse(text, function (key, v) {
      if (key === "__proto__") forbiddenKey = true;
      return v;
    });
  } catch {
    throw errors.invalid("request body is not valid JSON");
  }
  if (forbiddenKey) throw errors.invalid('request body contains the forbidden key "__proto__"');
  return value;
}
