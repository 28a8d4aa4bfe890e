import { timingSafeEqual } from "node:crypto";
import { FlotillaError, parseJoinToken, type FieldViolation } from "@flotilla/shared";
import type { MasterContext } from "../context.js";
import { newId } from "../ids.js";
import { normalizeSerial, type Pki, type SignedCert } from "../pki/index.js";
import type { RateLimiter } from "./rate-limit.js";
import { createRefusalTally, type RefusalTally } from "./refusal-tally.js";
import { hashSecret } from "./join-tokens.js";
import { createJoinTokenStore, type JoinTokenRecord } from "./join-token-store.js";
import { labelViolations } from "./labels.js";
import { createNodeStore } from "./node-store.js";

/** EnrollReason is the recorded outcome of one enrollment attempt. */
export type EnrollReason =
  "ok" | "token_unknown" | "bad_secret" | "token_expired" | "token_revoked" | "token_exhausted" | "rate_limited" | "invalid_request";

/** NodeFacts are the host facts stored on a node (validated by the transport). */
export interface NodeFacts {
  hostname: string;
  os: string;
  osVersion: string;
  kernel: string;
  arch: string;
  cpus: number;
  memoryBytes: bigint;
  machineId: string;
  agentVersion: string;
  addresses: string[];
}

/** EnrollInput is one enrollment request. `facts` is null when the request had none. */
export interface EnrollInput {
  token: string;
  csrPem: string;
  facts: NodeFacts | null;
  labels: Record<string, string>;
  sourceAddr: string;
  /** factsError is set when the transport could not accept the facts it received. */
  factsError?: string;
}

/** EnrollResult is the new node identity. */
export interface EnrollResult {
  nodeId: string;
  certificatePem: string;
  caPem: string;
}

const REJECT: Record<Exclude<EnrollReason, "ok">, { code: FlotillaError["code"]; text: string }> = {
  token_unknown: { code: "unauthenticated", text: "the join token is not known to this master" },
  bad_secret: { code: "unauthenticated", text: "the join token secret does not match" },
  token_expired: { code: "permission_denied", text: "the join token has expired" },
  token_revoked: { code: "permission_denied", text: "the join token was revoked" },
  token_exhausted: { code: "permission_denied", text: "the join token has no uses left" },
  rate_limited: { code: "rate_limited", text: "too many enrollment attempts from this address" },
  invalid_request: { code: "invalid_argument", text: "the enrollment request is invalid" },
};

/** EnrollmentRejected is thrown for every refused attempt; `reason` is the recorded reason. */
export class EnrollmentRejected extends FlotillaError {
  constructor(
    readonly reason: Exclude<EnrollReason, "ok">,
    detail?: string,
    details: FieldViolation[] = [],
  ) {
    super(REJECT[reason].code, `enrollment rejected: ${reason}: ${detail ?? REJECT[reason].text}`, details);
  }
}

/** EnrollmentDeps are the collaborators of the enrollment service. */
export interface EnrollmentDeps {
  pki: Pki;
  limiter: RateLimiter;
  /** onEnrolled runs after a node was created (liveness counts it). */
  onEnrolled?(nodeId: string): void;
  /** Aggregates rate-limited attempts into one row per source and window (created when omitted). */
  refusals?: RefusalTally;
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b.toLowerCase(), "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

function parseLabelsJson(text: string): Record<string, string> {
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === "object" && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === "string")) as Record<string, string>;
    }
  } catch {
    /* stored labels unreadable: treat as none */
  }
  return {};
}

/**
 * createEnrollmentService exchanges join tokens and CSRs for node identities.
 * Every attempt is recorded in EnrollmentAttempt with its reason; the token is
 * consumed by one conditional UPDATE inside the transaction that creates the
 * node, so concurrent use of a single-use token yields exactly one node.
 * Rate-limited attempts are counted instead: one row (with `count`) and one
 * `enrollment.rejected` event per source address and minute.
 */
export function createEnrollmentService(ctx: MasterContext, deps: EnrollmentDeps) {
  const { bus, metrics } = ctx;
  const nodes = createNodeStore(ctx);
  const tokens = createJoinTokenStore(ctx);
  const log = ctx.log.child({ component: "enrollment" });
  const refusals = deps.refusals ?? createRefusalTally(log);
  const inFlight = new Map<string, Promise<void>>();

  async function recordRateLimited(input: EnrollInput, tokenId: string | null) {
    metrics.enrollments.inc({ outcome: "rate_limited" });
    metrics.rateLimited.inc({ surface: "enroll" });
    await refusals.note(`enroll:${input.sourceAddr}`, {
      create: async () => {
        const id = newId("enr");
        await tokens.attempts.create({
          id,
          tokenId,
          nodeId: null,
          outcome: "rejected",
          reason: "rate_limited",
          sourceAddr: input.sourceAddr.slice(0, 128),
          hostname: input.facts?.hostname.slice(0, 253) ?? null,
          machineId: input.facts?.machineId.slice(0, 128) ?? null,
        });
        bus.publish("enrollment.rejected", {
          reason: "rate_limited",
          source: input.sourceAddr,
          token_id: tokenId,
          hostname: input.facts?.hostname ?? null,
        });
        log.warn(
          { reason: "rate_limited", source: input.sourceAddr },
          "enrollment rate limited; further refusals from this address this minute are only counted",
        );
        return id;
      },
      update: (id, count) => tokens.attempts.setCount(id, count),
    });
  }

  async function record(reason: EnrollReason, input: EnrollInput, tokenId: string | null, nodeId: string | null) {
    metrics.enrollments.inc({ outcome: reason });
    await tokens.attempts.create({
      id: newId("enr"),
      tokenId,
      nodeId,
      outcome: reason === "ok" ? "ok" : "rejected",
      reason,
      sourceAddr: input.sourceAddr.slice(0, 128),
      hostname: input.facts?.hostname.slice(0, 253) ?? null,
      machineId: input.facts?.machineId.slice(0, 128) ?? null,
    });
  }

  function validate(input: EnrollInput): { labels: Record<string, string>; facts: NodeFacts } {
    const bad: FieldViolation[] = [];
    if (input.factsError) bad.push({ field: "facts", message: input.factsError });
    else if (!input.facts) bad.push({ field: "facts", message: "host facts are required" });
    else {
      if (!input.facts.hostname) bad.push({ field: "facts.hostname", message: "required" });
      if (!input.facts.machineId) bad.push({ field: "facts.machine_id", message: "required" });
    }
    bad.push(...labelViolations(input.labels));
    if (bad.length) throw new EnrollmentRejected("invalid_request", bad.map((b) => `${b.field}: ${b.message}`).join("; "), bad);
    return { labels: input.labels, facts: input.facts! };
  }

  /**
   * repeated answers an enrollment that already succeeded with this token and
   * this public key (the master stopped before the worker got its answer):
   * the same node and a fresh certificate, without using the token again.
   */
  async function repeated(tokenId: string, publicKeySha256: string, csrPem: string): Promise<EnrollResult | null> {
    const prior = await nodes.enrolledWith(tokenId, publicKeySha256);
    if (!prior) return null;
    const cert = await deps.pki.signCsr(csrPem, prior, ctx.config.nodeCertTtlMs);
    await nodes.setCert(prior, cert.serial, cert.notAfter);
    return { nodeId: prior, certificatePem: cert.certPem, caPem: deps.pki.caPem };
  }

  async function attempt(
    input: EnrollInput,
    nodeId: string,
  ): Promise<{ tokenId: string | null; result?: EnrollResult; duplicateOf?: string | null; repeat?: boolean }> {
    if (!deps.limiter.take(input.sourceAddr)) throw new EnrollmentRejected("rate_limited");
    const token = parseJoinToken(input.token);
    if (!token) throw new EnrollmentRejected("invalid_request", "the join token is malformed", [{ field: "token", message: "malformed" }]);
    if (token.caSha256 !== deps.pki.caFingerprint) throw new EnrollmentRejected("token_unknown", "the join token was issued for another master");
    const { facts, labels } = validate(input);
    const row = await tokens.get(token.id);
    if (!row) throw new EnrollmentRejected("token_unknown");
    if (!sameHex(hashSecret(token.secret), row.secretHash)) throw new EnrollmentRejected("bad_secret");
    const now = new Date();
    checkUsable({ ...row, maxUses: 0 }, now);
    const cert = await deps.pki.signCsr(input.csrPem, nodeId, ctx.config.nodeCertTtlMs).catch((err: unknown) => {
      throw new EnrollmentRejected("invalid_request", FlotillaError.from(err).message, [{ field: "csr_pem", message: "invalid" }]);
    });
    // One attempt per token and key at a time: a worker whose first attempt is
    // still queued here when its deadline passes retries with the same key,
    // and that retry must get the node the first attempt creates, not a second one.
    const key = `${row.id}:${cert.publicKeySha256}`;
    for (let earlier = inFlight.get(key); earlier; earlier = inFlight.get(key)) await earlier;
    let done!: () => void;
    inFlight.set(key, new Promise<void>((r) => (done = r)));
    try {
      return await create(input, row, cert, nodeId, now, facts, labels);
    } finally {
      inFlight.delete(key);
      done();
    }
  }

  async function create(
    input: EnrollInput,
    row: JoinTokenRow,
    cert: SignedCert,
    nodeId: string,
    now: Date,
    facts: NodeFacts,
    labels: Record<string, string>,
  ): Promise<{ tokenId: string | null; result?: EnrollResult; duplicateOf?: string | null; repeat?: boolean }> {
    const again = await repeated(row.id, cert.publicKeySha256, input.csrPem);
    if (again) return { tokenId: row.id, result: again, repeat: true };
    checkUsable(row, now);
    const merged = { ...parseLabelsJson(row.labels), ...labels };
    const use = await nodes.createEnrolled<JoinTokenRecord>(row.id, now, {
      id: nodeId,
      name: facts.hostname,
      ...factsData(facts),
      status: "offline",
      certSerial: cert.serial,
      certExpiresAt: cert.notAfter,
      publicKeySha256: cert.publicKeySha256,
      tokenId: row.id,
      labels: merged,
    });
    if (!use.used) {
      if (!use.token) throw new EnrollmentRejected("token_unknown");
      checkUsable(use.token, now);
      throw new EnrollmentRejected("token_exhausted");
    }
    const duplicateOf = use.duplicateOf;
    bus.publish(
      "node.enrolled",
      { name: facts.hostname, hostname: facts.hostname, labels: merged, cert_expires_at: cert.notAfter.toISOString() },
      nodeId,
    );
    if (duplicateOf)
      bus.publish("node.duplicate_machine_id", { machine_id: facts.machineId, duplicate_of: duplicateOf, hostname: facts.hostname }, nodeId);
    return { tokenId: row.id, duplicateOf, result: { nodeId, certificatePem: cert.certPem, caPem: deps.pki.caPem } };
  }

  return {
    /** enroll runs one attempt; throws EnrollmentRejected (a FlotillaError) when refused. */
    async enroll(input: EnrollInput): Promise<EnrollResult> {
      const tokenId = parseJoinToken(input.token)?.id ?? null;
      try {
        const { result, repeat } = await attempt(input, newId("node"));
        const nodeId = result!.nodeId;
        await record("ok", input, tokenId, nodeId);
        if (repeat) {
          log.info({ node_id: nodeId, token_id: tokenId, source: input.sourceAddr }, "enrollment repeated with the same key; node keeps its id");
        } else {
          deps.onEnrolled?.(nodeId);
          log.info({ node_id: nodeId, token_id: tokenId, source: input.sourceAddr }, "node enrolled");
        }
        return result!;
      } catch (err) {
        if (!(err instanceof EnrollmentRejected)) throw err;
        if (err.reason === "rate_limited") {
          await recordRateLimited(input, tokenId);
          throw err;
        }
        await record(err.reason, input, tokenId, null);
        bus.publish("enrollment.rejected", {
          reason: err.reason,
          source: input.sourceAddr,
          token_id: tokenId,
          hostname: input.facts?.hostname ?? null,
        });
        log.warn({ reason: err.reason, token_id: tokenId, source: input.sourceAddr }, "enrollment rejected");
        throw err;
      }
    },
    /**
     * refuseMalformed records an Enroll the transport could not accept (bad
     * strings, undecodable or oversized message) as `invalid_request`, under
     * the same per-source rate limit, and returns the error to answer.
     */
    async refuseMalformed(err: FlotillaError, sourceAddr: string): Promise<FlotillaError> {
      const input: EnrollInput = { token: "", csrPem: "", facts: null, labels: {}, sourceAddr };
      if (!deps.limiter.take(sourceAddr)) {
        await recordRateLimited(input, null);
        return new EnrollmentRejected("rate_limited");
      }
      if (err.code === "invalid_argument") {
        await record("invalid_request", input, null, null);
        bus.publish("enrollment.rejected", { reason: "invalid_request", source: sourceAddr, token_id: null, hostname: null });
        log.warn({ reason: "invalid_request", source: sourceAddr, error: err.message }, "enrollment rejected");
      }
      return err;
    },
    /** close writes the pending counts of rate-limited attempts. */
    close: () => refusals.close(),
  };
}

/** EnrollmentService is the enrollment logic used by the gRPC transport. */
export type EnrollmentService = ReturnType<typeof createEnrollmentService>;

/** JoinTokenRow is the part of a stored join token enrollment reads. */
type JoinTokenRow = { id: string; labels: string; revokedAt: Date | null; expiresAt: Date; maxUses: number; uses: number };

function checkUsable(row: { revokedAt: Date | null; expiresAt: Date; maxUses: number; uses: number }, now: Date): void {
  if (row.revokedAt) throw new EnrollmentRejected("token_revoked");
  if (row.expiresAt.getTime() <= now.getTime()) throw new EnrollmentRejected("token_expired");
  if (row.maxUses > 0 && row.uses >= row.maxUses) throw new EnrollmentRejected("token_exhausted");
}

/** factsData maps host facts onto Node columns. */
export function factsData(f: NodeFacts) {
  return {
    hostname: f.hostname,
    machineId: f.machineId,
    os: f.os,
    osVersion: f.osVersion,
    kernel: f.kernel,
    arch: f.arch,
    cpus: f.cpus,
    memoryBytes: f.memoryBytes,
    agentVersion: f.agentVersion,
    addresses: JSON.stringify(f.addresses),
  };
}

/**
 * updateNodeFacts stores refreshed host facts on a node and publishes
 * `node.updated` with the changed fields when anything changed.
 */
export async function updateNodeFacts(ctx: Pick<MasterContext, "db" | "bus">, nodeId: string, facts: NodeFacts): Promise<string[]> {
  const nodes = createNodeStore(ctx);
  const row = await nodes.row(nodeId);
  if (!row) throw new FlotillaError("not_found", `node ${nodeId} not found`);
  const next = factsData(facts);
  const changed = (Object.keys(next) as Array<keyof typeof next>).filter((k) => String(row[k]) !== String(next[k]));
  if (changed.length === 0) return [];
  await nodes.setFacts(nodeId, next);
  ctx.bus.publish("node.updated", { changed: changed.map(snake), hostname: facts.hostname, agent_version: facts.agentVersion }, nodeId);
  return changed;
}

/** CertRef names one node certificate by serial and expiry. */
export interface CertRef {
  serial: string;
  expiresAt: Date;
}

/**
 * recordRenewal stores a node's renewed certificate and revokes the ones it
 * supersedes, effective at `revokeAt` (after the renewal overlap): the
 * certificate the renewal was made with and the one recorded before, when
 * different (a renewal whose answer was lost). Returns the serials revoked.
 */
export async function recordRenewal(
  ctx: Pick<MasterContext, "db">,
  nodeId: string,
  next: CertRef,
  presented: CertRef,
  revokeAt: Date,
): Promise<string[]> {
  const revoked = await createNodeStore(ctx).renew(nodeId, next, revokeAt, (prior) => {
    const superseded = new Map<string, Date>([[normalizeSerial(presented.serial), presented.expiresAt]]);
    if (!superseded.has(normalizeSerial(prior.serial))) superseded.set(normalizeSerial(prior.serial), prior.expiresAt);
    superseded.delete(normalizeSerial(next.serial));
    return superseded;
  });
  if (!revoked) throw new FlotillaError("unauthenticated", `unknown node ${nodeId}`);
  return revoked;
}

function snake(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
