import { createServer, connect, type Server, type Socket } from "node:net";

/** TcpProxy forwards a local port to a target and can fail on demand. */
export interface TcpProxy {
  port: number;
  /** cut closes every connection and refuses new ones (the server is gone). */
  cut(): Promise<void>;
  /** freeze keeps connections open but forwards nothing (a paused server). */
  freeze(): void;
  /** restore forwards again (after cut or freeze). */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/**
 * startTcpProxy listens on 127.0.0.1 and pipes each connection to
 * `target`. Used to cut or freeze the database under a master without
 * touching the shared server.
 */
export async function startTcpProxy(target: { host: string; port: number }, listenPort = 0): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let frozen = false;
  let server: Server;
  const listen = (port: number) =>
    new Promise<Server>((ok, fail) => {
      const s = createServer((client) => {
        const upstream = connect(target.port, target.host);
        const pair: [Socket, Socket] = [client, upstream];
        pairs.add(pair);
        const end = () => {
          pairs.delete(pair);
          client.destroy();
          upstream.destroy();
        };
        client.on("error", end).on("close", end);
        upstream.on("error", end).on("close", end);
        client.pipe(upstream);
        upstream.pipe(client);
        if (frozen) {
          client.pause();
          upstream.pause();
        }
      });
      s.once("error", fail);
      s.listen(port, "127.0.0.1", () => ok(s));
    });
  server = await listen(listenPort);
  const port = (server.address() as { port: number }).port;
  const closeServer = () => new Promise<void>((ok) => server.close(() => ok()));
  const each = (fn: (s: Socket) => void) => {
    for (const [a, b] of pairs) {
      fn(a);
      fn(b);
    }
  };
  let listening = true;
  return {
    port,
    async cut() {
      const closed = listening ? closeServer() : Promise.resolve();
      listening = false;
      each((s) => s.destroy());
      pairs.clear();
      await closed;
    },
    freeze() {
      frozen = true;
      each((s) => {
        s.unpipe();
        s.pause();
      });
    },
    async restore() {
      if (frozen) {
        frozen = false;
        for (const [a, b] of pairs) {
          a.pipe(b);
          b.pipe(a);
          a.resume();
          b.resume();
        }
      }
      if (!listening) {
        server = await listen(port);
        listening = true;
      }
    },
    async close() {
      each((s) => s.destroy());
      if (listening) await closeServer();
      listening = false;
    },
  };
}
