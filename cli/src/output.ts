/** Output options shared by every command. */
export interface OutputOptions {
  json?: boolean;
  /** Comma-separated field paths (`id,labels.env`) printed as columns. */
  output?: string;
}

/** pick reads a dotted path (`labels.env`, `items.0.id`) from a value. */
export function pick(value: unknown, path: string): unknown {
  let v: unknown = value;
  for (const key of path.split(".").filter(Boolean)) v = v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

const cell = (v: unknown): string => (v === null || v === undefined ? "-" : typeof v === "object" ? JSON.stringify(v) : String(v));

/** table renders rows as aligned columns with an upper-case header. */
export function table(rows: unknown[], columns: string[]): string {
  const cells = rows.map((r) => columns.map((c) => cell(pick(r, c))));
  const head = columns.map((c) => c.toUpperCase());
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join("  ");
  return [line(head), ...cells.map(line)].join("\n") + "\n";
}

/**
 * render prints a list or one object: `--json` prints the JSON, `-o` picks
 * fields (tab-separated, one row per item, no header, for scripts), otherwise a
 * table of `columns`.
 */
export function render(data: unknown, columns: string[], opts: OutputOptions): string {
  if (opts.json) return `${JSON.stringify(data, null, 2)}\n`;
  const rows = Array.isArray(data) ? data : [data];
  if (opts.output) {
    const fields = opts.output.split(",").map((f) => f.trim().replace(/^\./, ""));
    return rows.map((r) => fields.map((f) => cell(pick(r, f))).join("\t")).join("\n") + (rows.length ? "\n" : "");
  }
  return table(rows, columns);
}
