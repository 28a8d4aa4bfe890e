/** AsyncQueue is a push-driven async iterable, used as a request stream. */
export interface AsyncQueue<T> extends AsyncIterable<T> {
  push(value: T): void;
  /** close ends the iteration after the queued values. */
  close(): void;
  readonly closed: boolean;
}

/** createAsyncQueue returns an unbounded queue; values pushed after close are dropped. */
export function createAsyncQueue<T>(): AsyncQueue<T> {
  const items: T[] = [];
  let wake: (() => void) | undefined;
  let closed = false;
  return {
    push(value) {
      if (closed) return;
      items.push(value);
      wake?.();
    },
    close() {
      closed = true;
      wake?.();
    },
    get closed() {
      return closed;
    },
    async *[Symbol.asyncIterator]() {
      for (;;) {
        while (items.length > 0) yield items.shift()!;
        if (closed) return;
        await new Promise<void>((r) => (wake = r));
        wake = undefined;
      }
    },
  };
}
