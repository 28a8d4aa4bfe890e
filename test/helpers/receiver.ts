import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Received is one request a test receiver got. */
export interface Received {
  at: number;
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** Receiver is a real HTTP server on 127.0.0.1 recording every request. */
export interface Receiver {
  url: string;
  got: Received[];
  /** Highest number of requests open at once. */
  maxOpen(): number;
  /** waitFor resolves once pred holds for the recorded requests. */
  waitFor(pred: (got: Received[]) => boolean, timeoutMs: number, what: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * startReceiver serves `answer` (default 200 "ok") and records each request
 * before answering. `answer` may leave the response open to simulate a hang.
 */
export async function startReceiver(answer: (r: Received, res: ServerResponse, n: number) => void = (_r, res) => res.end("ok")): Promise<Receiver> {
  const got: Received[] = [];
  let open = 0;
  let maxOpen = 0;
  const server: Server = createServer((req, res) => {
    open++;
    maxOpen = Math.max(maxOpen, open);
    res.once("close", () => open--);
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const r: Received = {
        at: Date.now(),
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      got.push(r);
      answer(r, res, got.length);
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    got,
    maxOpen: () => maxOpen,
    async waitFor(pred, timeoutMs, what) {
      const deadline = Date.now() + timeoutMs;
      while (!pred(got)) {
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (got ${got.length} requests)`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
