import { createServer, type Server as NetServer, type Socket } from "node:net";
import type { ConnectionInjector } from "@grpc/grpc-js";

/** ConnectionGateOptions bound the gRPC port's TCP connections. */
export interface ConnectionGateOptions {
  /** Unauthenticated connections open at once from one source address; beyond it new ones are closed at accept. */
  maxPerSource: number;
  /** Counts each connection refused at accept. */
  onRefused?: (source: string) => void;
}

/** GatedListener is the running gate: its port, how to mark a connection authenticated, and close. */
export interface GatedListener {
  port: number;
  /** authenticated takes the connection behind a grpc-js peer string out of its source's unauthenticated count. */
  authenticated(peer: string): void;
  close(): Promise<void>;
}

/**
 * listenGated serves a grpc-js server through its connection injector on
 * our own TCP listener, so every connection is counted per source address
 * before TLS or HTTP/2 cost anything: while a source holds `maxPerSource`
 * connections on which no node has authenticated, its next one is closed
 * at once. Enrollment needs no credentials, so this bounds what one host can
 * hold open without one; connections of authenticated workers (many behind
 * one NAT address) do not count.
 */
export async function listenGated(injector: ConnectionInjector, host: string, port: number, o: ConnectionGateOptions): Promise<GatedListener> {
  const unproven = new Map<string, number>();
  const pending = new Map<string, Socket>();
  const sockets = new Set<Socket>();
  const release = (source: string) => {
    const left = (unproven.get(source) ?? 1) - 1;
    if (left <= 0) unproven.delete(source);
    else unproven.set(source, left);
  };
  const server: NetServer = createServer({ noDelay: true }, (socket) => {
    const source = normalise(socket.remoteAddress ?? "unknown");
    const n = unproven.get(source) ?? 0;
    if (n >= o.maxPerSource) {
      o.onRefused?.(source);
      socket.destroy();
      return;
    }
    const key = `${source}:${socket.remotePort}`;
    unproven.set(source, n + 1);
    pending.set(key, socket);
    sockets.add(socket);
    socket.once("close", () => {
      sockets.delete(socket);
      if (pending.get(key) === socket) {
        pending.delete(key);
        release(source);
      }
    });
    injector.injectConnection(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const addr = server.address();
  return {
    port: typeof addr === "object" && addr ? addr.port : port,
    authenticated(peer) {
      const m = /^(?:ipv[46]:)?\[?([^\]]*?)\]?:(\d+)$/.exec(peer);
      if (!m) return;
      const source = normalise(m[1]!);
      const key = `${source}:${m[2]}`;
      if (!pending.delete(key)) return;
      release(source);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

/** normalise folds IPv4-mapped IPv6 addresses onto their IPv4 form. */
function normalise(addr: string): string {
  return addr.startsWith("::ffff:") ? addr.slice(7) : addr;
}
