import { parse, printParseErrorCode, type ParseError } from "jsonc-parser";

/**
 * parseJsonc parses JSON with comments and trailing commas (VS Code and Zed
 * settings files). Throws SyntaxError on malformed input.
 */
export function parseJsonc(text: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parse(text.replace(/^\uFEFF/, ""), errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first) throw new SyntaxError(`${printParseErrorCode(first.error)} at offset ${first.offset}`);
  return value;
}
