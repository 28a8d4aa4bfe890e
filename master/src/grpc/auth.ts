import { X509Certificate } from "node:crypto";
import { errors, FlotillaError, type Logger } from "@flotilla/shared";
import { dbUnavailable } from "../db/unavailable.js";
import type { NodeStore } from "../services/node-store.js";
import { normalizeSerial, type Pki } from "../pki/index.js";
import type { CallContext } from "./handlers.js";
import { transportOf } from "./peer.js";

/** NodeIdentity is who a node RPC comes from, taken from its client certificate. */
export interface NodeIdentity {
  nodeId: string;
  serial: string;
  /** notAfter is when the presented certificate expires. */
  notAfter: Date;
}

/** Authenticator maps peer certificates to nodes and cuts revoked ones. */
export interface Authenticator {
  /** start loads the node ids and the revoked serials that have not expired yet, then refreshes them in the background. */
  start(): Promise<void>;
  /** stop ends the background refresh. */
  stop(): void;
  /** nodeAdded makes a newly enrolled node known at once. */
  nodeAdded(nodeId: string): void;
  /** authenticate checks the call's client certificate; tracks the call so revoke can cut it. */
  authenticate(ctx: CallContext): Promise<NodeIdentity>;
  /** revoke forgets a node: its serial and node id are refused and its live calls end UNAUTHENTICATED. */
  revoke(nodeId: string, serial: string): void;
  /**
   * supersede revokes certificates a node replaced by renewing: from `atMs` on
   * their serials are refused and the node's live calls made with them end
   * UNAUTHENTICATED (the node itself stays known).
   */
  supersede(nodeId: string, serials: string[], atMs: number): void;
}

/** REFRESH_MS is how often the known nodes and revoked serials are re-read from the database. */
const REFRESH_MS = 30_000;

/**
 * createAuthenticator verifies that the peer certificate chains to our CA
 * (TLS already checked it against the CA; the signature is checked again
 * here), takes the node id from its CN, and refuses unknown nodes, deleted
 * nodes and revoked serials with UNAUTHENTICATED.
 *
 * A revoked serial carries the time its revocation takes effect: at once
 * for a deleted node, after the renewal overlap for a superseded certificate.
 *
 * Node identity and revocation are served from memory, so heartbeats and
 * sessions never wait for the database: the known node ids and revoked
 * serials are loaded at start, updated at once on enrollment, deletion and
 * revocation, and re-read every 30 s (a node deleted, or a certificate
 * superseded, through another replica; in cluster mode both also arrive over
 * NATS at once, and the re-read covers a message missed while NATS was away).
 * When a re-read fails the last known state stays. Only a node this master
 * has not seen yet is looked up, and if the database does not answer that
 * call gets UNAVAILABLE (the worker retries), never UNAUTHENTICATED.
 */
export function createAuthenticator(deps: {
  /** nodes answers which nodes exist and which certificates are revoked. */
  nodes: Pick<NodeStore, "revocations" | "ids" | "exists">;
  pki: Pki;
  log?: Logger;
}): Authenticator {
  const caKey = new X509Certificate(deps.pki.caPem).publicKey;
  /** Revoked serial → when the revocation takes effect (ms). */
  const revokedSerials = new Map<string, number>();
  const cutTimers = new Map<string, NodeJS.Timeout>();
  const isRevoked = (serial: string) => {
    const at = revokedSerials.get(serial);
    return at !== undefined && at <= Date.now();
  };
  const deletedNodes = new Set<string>();
  let known = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let refreshFailed = false;
  /** Live calls per node, each with the serial of the certificate it was made with. */
  const live = new Map<string, Map<CallContext, string>>();

  // Verified identities by certificate fingerprint: a connection presents the
  // same certificate on every call, so parsing and the signature check run once.
  type Verified = { nodeId: string; serial: string; notAfter: number; notBefore: number };
  const verified = new Map<string, Verified>();
  /** valid checks a verified identity's validity window again (a long-lived connection can outlive its certificate). */
  const valid = (v: Verified): NodeIdentity => {
    const now = Date.now();
    if (v.notAfter < now || v.notBefore > now) throw errors.unauthenticated("the client certificate is not valid now");
    return { nodeId: v.nodeId, serial: v.serial, notAfter: new Date(v.notAfter) };
  };
  const VERIFIED_MAX = 100_000;

  // The same, by connection: a call on a known connection does not read the certificate at all.
  const byTransport = new WeakMap<object, Verified>();

  const identify = (ctx: CallContext): NodeIdentity => {
    const transport = transportOf(ctx.raw);
    const cached = transport && byTransport.get(transport);
    if (cached) return valid(cached);
    const peer = ctx.raw.getAuthContext().sslPeerCertificate;
    if (!peer?.raw) throw errors.unauthenticated("a client certificate issued by this master is required");
    const hit = peer.fingerprint256 ? verified.get(peer.fingerprint256) : undefined;
    if (hit) {
      if (transport) byTransport.set(transport, hit);
      return valid(hit);
    }
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(peer.raw);
    } catch {
      throw errors.unauthenticated("the client certificate could not be read");
    }
    if (!cert.verify(caKey)) throw errors.unauthenticated("the client certificate was not issued by this master");
    const now = Date.now();
    if (Date.parse(cert.validTo) < now || Date.parse(cert.validFrom) > now) throw errors.unauthenticated("the client certificate is not valid now");
    const nodeId = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1]?.trim();
    if (!nodeId) throw errors.unauthenticated("the client certificate names no node");
    const id = { nodeId, serial: normalizeSerial(cert.serialNumber), notAfter: new Date(cert.validTo) };
    const entry = { nodeId, serial: id.serial, notAfter: Date.parse(cert.validTo), notBefore: Date.parse(cert.validFrom) };
    if (peer.fingerprint256) {
      if (verified.size >= VERIFIED_MAX) verified.clear();
      verified.set(peer.fingerprint256, entry);
    }
    if (transport) byTransport.set(transport, entry);
    return id;
  };

  const track = (nodeId: string, serial: string, ctx: CallContext) => {
    let calls = live.get(nodeId);
    if (!calls) live.set(nodeId, (calls = new Map<CallContext, string>()));
    calls.set(ctx, serial);
    ctx.onEnd(() => {
      calls.delete(ctx);
      if (calls.size === 0 && live.get(nodeId) === calls) live.delete(nodeId);
    });
  };

  /** cutAt ends, at `atMs`, every live call made with `serial` (a certificate superseded by renewal). */
  const cutAt = (nodeId: string, serial: string, atMs: number) => {
    if (cutTimers.has(serial)) return;
    const cut = () => {
      cutTimers.delete(serial);
      for (const [ctx, s] of live.get(nodeId) ?? [])
        if (s === serial) ctx.abort(new FlotillaError("unauthenticated", "this certificate was superseded by a renewal and revoked"));
    };
    const t = setTimeout(cut, Math.max(0, atMs - Date.now()));
    t.unref();
    cutTimers.set(serial, t);
  };

  const load = async () => {
    const [revoked, nodes] = await Promise.all([deps.nodes.revocations(), deps.nodes.ids()]);
    for (const r of revoked) {
      const serial = normalizeSerial(r.serial);
      const at = Math.min(r.revokedAt.getTime(), revokedSerials.get(serial) ?? Infinity);
      revokedSerials.set(serial, at);
      if (at > Date.now()) cutAt(r.nodeId, serial, at);
    }
    known = new Set(nodes.filter((id) => !deletedNodes.has(id)));
  };

  const refresh = () => {
    load().then(
      () => {
        if (refreshFailed) deps.log?.info("node identities re-read from the database again");
        refreshFailed = false;
      },
      (err: unknown) => {
        if (!refreshFailed)
          deps.log?.warn({ err: FlotillaError.from(dbUnavailable(err)).message }, "could not re-read node identities; serving the last known state");
        refreshFailed = true;
      },
    );
  };

  const lookup = async (nodeId: string): Promise<boolean> => {
    try {
      return await deps.nodes.exists(nodeId);
    } catch (err) {
      const fe = FlotillaError.from(dbUnavailable(err));
      throw fe.code === "internal" ? new FlotillaError("unavailable", "node identity cannot be checked now; retry shortly", [], { cause: err }) : fe;
    }
  };

  return {
    async start() {
      await load();
      timer = setInterval(refresh, REFRESH_MS);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      for (const t of cutTimers.values()) clearTimeout(t);
      cutTimers.clear();
    },
    nodeAdded(nodeId) {
      if (!deletedNodes.has(nodeId)) known.add(nodeId);
    },
    async authenticate(ctx) {
      const id = identify(ctx);
      if (isRevoked(id.serial) || deletedNodes.has(id.nodeId)) throw errors.unauthenticated("the node's certificate was revoked");
      if (!known.has(id.nodeId)) {
        if (!(await lookup(id.nodeId))) throw errors.unauthenticated(`unknown node ${id.nodeId}`);
        if (!deletedNodes.has(id.nodeId)) known.add(id.nodeId);
      }
      if (isRevoked(id.serial) || deletedNodes.has(id.nodeId)) throw errors.unauthenticated("the node's certificate was revoked");
      track(id.nodeId, id.serial, ctx);
      return id;
    },
    revoke(nodeId, serial) {
      if (serial) revokedSerials.set(normalizeSerial(serial), Date.now());
      deletedNodes.add(nodeId);
      known.delete(nodeId);
      const calls = live.get(nodeId);
      live.delete(nodeId);
      for (const ctx of calls?.keys() ?? []) ctx.abort(new FlotillaError("unauthenticated", "the node was deleted and its certificate revoked"));
    },
    supersede(nodeId, serials, atMs) {
      for (const raw of serials) {
        const serial = normalizeSerial(raw);
        revokedSerials.set(serial, Math.min(atMs, revokedSerials.get(serial) ?? Infinity));
        cutAt(nodeId, serial, atMs);
      }
    },
  };
}
