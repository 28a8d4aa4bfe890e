import { EventEmitter } from "node:events";
import { checkServerIdentity, type PeerCertificate } from "node:tls";
import { createClient, type Client, type Transport } from "@connectrpc/connect";
import { createGrpcTransport, Http2SessionManager } from "@connectrpc/connect-node";
import { formatHostPort } from "@flotilla/shared";
import { EnrollmentService } from "@flotilla/shared/gen/flotilla/v1/enrollment_pb.js";
import { NodeService } from "@flotilla/shared/gen/flotilla/v1/node_pb.js";

/** MASTER_NAME is the DNS name every master certificate carries. */
export const MASTER_NAME = "flotilla-master";

/** ChannelOptions describe how to reach the master. */
export interface ChannelOptions {
  host: string;
  port: number;
  /** Pinned CA (PEM); the server certificate must chain to it. */
  caPem?: string;
  /** Client certificate and key for mutual TLS (after enrollment). */
  certPem?: string;
  keyPem?: string;
  /** Plaintext HTTP/2 (only against a master started in plaintext mode). */
  insecure?: boolean;
}

/** checkMasterIdentity verifies the server certificate names the master, whatever address was dialled. */
export function checkMasterIdentity(_host: string, cert: PeerCertificate): Error | undefined {
  return checkServerIdentity(MASTER_NAME, cert);
}

/** MasterChannel is one HTTP/2 connection to the master and its typed clients. */
export interface MasterChannel {
  transport: Transport;
  node: Client<typeof NodeService>;
  enrollment: Client<typeof EnrollmentService>;
  /** close tears the HTTP/2 session down, ending every open call. */
  close(): void;
}

/**
 * createMasterChannel builds a gRPC (HTTP/2) transport to the master. With
 * TLS the pinned CA is the only trust root and the server name checked is
 * {@link MASTER_NAME}; a client certificate is presented when given.
 */
export function createMasterChannel(opts: ChannelOptions): MasterChannel {
  const base = formatHostPort(opts.host, opts.port);
  if (!opts.insecure && !opts.caPem) throw new Error("createMasterChannel: a pinned CA is required for TLS");
  const baseUrl = opts.insecure ? `http://${base}` : `https://${base}`;
  const nodeOptions = opts.insecure
    ? {}
    : { ca: opts.caPem, cert: opts.certPem, key: opts.keyPem, servername: MASTER_NAME, checkServerIdentity: checkMasterIdentity };
  const sessionManager = guardRetiredSessions(new Http2SessionManager(baseUrl, { pingIntervalMs: 15_000, pingTimeoutMs: 10_000 }, nodeOptions));
  const transport = createGrpcTransport({ baseUrl, nodeOptions, sessionManager });
  return {
    transport,
    node: createClient(NodeService, transport),
    enrollment: createClient(EnrollmentService, transport),
    close: () => sessionManager.abort(),
  };
}

/**
 * guardRetiredSessions keeps a late error of an HTTP/2 session the manager
 * has already left (a GOAWAY'd connection still draining, whose keepalive
 * PING then times out on a busy master) from being an unhandled 'error' event
 * that ends the process: the manager stops listening to a session when it
 * moves on, but the session can still be destroyed with an error afterwards.
 * Errors while the manager holds the session reach it as before.
 */
function guardRetiredSessions(manager: Http2SessionManager): Http2SessionManager {
  const m = manager as unknown as { setState?: (s: { t: string; conn?: unknown }) => void };
  const setState = m.setState?.bind(manager);
  if (!setState) return manager;
  m.setState = (state) => {
    const conn = state.t === "ready" && state.conn instanceof EventEmitter ? (state.conn as EventEmitter) : undefined;
    if (conn && !guarded.has(conn)) {
      guarded.add(conn);
      conn.on("error", () => {});
    }
    setState(state);
  };
  return manager;
}
const guarded = new WeakSet<EventEmitter>();

/** NodeClient is the typed client of NodeService. */
export type NodeClient = Client<typeof NodeService>;
/** EnrollmentClient is the typed client of EnrollmentService. */
export type EnrollmentClient = Client<typeof EnrollmentService>;
