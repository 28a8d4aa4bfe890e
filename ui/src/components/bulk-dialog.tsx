/**
 * BulkDialog asks once before acting on many rows, naming how many, then
 * runs the action row by row (a few at a time) and shows each row's result.
 */
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { describeError } from "../api.js";
import { Dialog } from "./dialog.js";
import { SubmitButton } from "./form-parts.js";

/** BULK_CONCURRENCY bounds the requests in flight. */
const BULK_CONCURRENCY = 4;

/** Outcome is one row's result: done (with a word), skipped (with why) or failed. */
export type Outcome = { kind: "done" | "skipped" | "failed"; text: string };

/** BulkDialogProps configure a BulkDialog over `items`. */
export interface BulkDialogProps<T> {
  /** The verb, capitalised ("Stop"); with `what` it makes the title and button ("Stop 3 containers"). */
  verb: string;
  what: string;
  items: T[];
  idOf: (item: T) => string;
  nameOf: (item: T) => string;
  /** skip says why a row is left alone (null when the action applies). */
  skip?: (item: T) => string | null;
  /** run acts on one row and returns a short result; a throw marks the row failed. */
  run?: (item: T) => Promise<string>;
  /** runAll acts on every applicable row in one request and returns a result per row id. */
  runAll?: (items: T[]) => Promise<Map<string, string>>;
  danger?: boolean;
  /** Extra fields the action needs (a label, a triage status). */
  children?: ComponentChildren;
  /** valid is false while the extra fields cannot be used. */
  valid?: boolean;
  onClose: () => void;
  /** onDone runs once every row has a result (to reload the list). */
  onDone?: () => void;
}

/** BulkDialog renders the confirmation, then the per-row results. */
export function BulkDialog<T>(p: BulkDialogProps<T>) {
  const [results, setResults] = useState<Map<string, Outcome> | null>(null);
  const [busy, setBusy] = useState(false);
  const n = p.items.length;
  const label = `${p.verb} ${n} ${n === 1 ? p.what : `${p.what}s`}`;

  const start = async () => {
    setBusy(true);
    const out = new Map<string, Outcome>();
    const show = () => setResults(new Map(out));
    const todo: T[] = [];
    for (const item of p.items) {
      const why = p.skip?.(item) ?? null;
      if (why) out.set(p.idOf(item), { kind: "skipped", text: why });
      else todo.push(item);
    }
    show();
    if (p.runAll && todo.length) {
      try {
        const got = await p.runAll(todo);
        for (const item of todo) out.set(p.idOf(item), { kind: "done", text: got.get(p.idOf(item)) ?? "done" });
      } catch (err) {
        for (const item of todo) out.set(p.idOf(item), { kind: "failed", text: describeError(err) });
      }
    } else if (p.run) {
      const run = p.run;
      const queue = [...todo];
      const worker = async () => {
        for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
          try {
            out.set(p.idOf(item), { kind: "done", text: await run(item) });
          } catch (err) {
            out.set(p.idOf(item), { kind: "failed", text: describeError(err) });
          }
          show();
        }
      };
      await Promise.all(Array.from({ length: Math.min(BULK_CONCURRENCY, queue.length) }, worker));
    }
    show();
    setBusy(false);
    p.onDone?.();
  };

  const counts = results && [...results.values()].reduce((c, r) => ({ ...c, [r.kind]: (c[r.kind] ?? 0) + 1 }), {} as Record<string, number>);
  const finished = results !== null && !busy;
  return (
    <Dialog title={`${label}?`} onClose={busy ? () => undefined : p.onClose}>
      {!results && p.children}
      <ul class="bulk-results" data-testid="bulk-results">
        {p.items.map((item) => {
          const r = results?.get(p.idOf(item));
          return (
            <li key={p.idOf(item)} data-testid="bulk-result" data-result={r?.kind ?? (results ? "pending" : "")}>
              <strong>{p.nameOf(item)}</strong>
              {r ? (
                <span class={`result-${r.kind}`}> — {r.kind === "done" ? r.text : `${r.kind}: ${r.text}`}</span>
              ) : (
                results && <span class="muted"> — …</span>
              )}
            </li>
          );
        })}
      </ul>
      {finished && counts && (
        <p role="status" data-testid="bulk-summary">
          {["done", "skipped", "failed"]
            .filter((k) => counts[k])
            .map((k) => `${counts[k]} ${k}`)
            .join(", ")}
        </p>
      )}
      <div class="row end">
        {finished ? (
          <button type="button" class="btn btn-primary" onClick={p.onClose}>
            Close
          </button>
        ) : (
          <>
            <button type="button" class="btn btn-plain" onClick={p.onClose} disabled={busy}>
              Cancel
            </button>
            <SubmitButton busy={busy} kind={p.danger ? "danger" : "primary"} onClick={() => void (p.valid === false || start())}>
              {label}
            </SubmitButton>
          </>
        )}
      </div>
    </Dialog>
  );
}
