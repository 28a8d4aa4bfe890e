import { create } from "@bufbuild/protobuf";
import { ConnectError } from "@connectrpc/connect";
import { FlotillaError, parseJoinToken, type Logger } from "@flotilla/shared";
import { EnrollRequestSchema } from "@flotilla/shared/gen/flotilla/v1/enrollment_pb.js";
import type { HostFacts } from "@flotilla/shared/gen/flotilla/v1/common_pb.js";
import { createBackoff, sleep, type Backoff } from "./backoff.js";
import { pinMasterCa } from "./ca-pin.js";
import { createMasterChannel } from "./client.js";
import { createCsr } from "./csr.js";
import type { Identity, StateDir } from "./identity.js";
import { isRetryable, rpcError } from "./rpc-error.js";

/** EnrollOptions are what enrollment needs. */
export interface EnrollOptions {
  master: { host: string; port: number };
  token: string;
  labels: Record<string, string>;
  facts: HostFacts;
  stateDir: StateDir;
  log: Logger;
  insecure?: boolean;
  signal?: AbortSignal;
  backoff?: Backoff;
}

/**
 * enrollOnce pins the master's CA against the token hash, then sends the
 * CSR over a verified TLS channel and stores the identity. Throws
 * FlotillaError: `permission_denied` on a pin mismatch, the master's code
 * (with its reason) on rejection, `unavailable` when unreachable.
 */
export async function enrollOnce(o: EnrollOptions): Promise<Identity> {
  const token = parseJoinToken(o.token);
  if (!token) throw new FlotillaError("invalid_argument", "malformed join token");
  const { host, port } = o.master;
  const caPem = o.insecure ? undefined : await pinMasterCa(host, port, token.caSha256);
  const keyPem = await o.stateDir.loadOrCreateKey();
  const csrPem = await createCsr(keyPem, o.facts.hostname);
  const channel = createMasterChannel({ host, port, caPem, insecure: o.insecure });
  try {
    const res = await channel.enrollment.enroll(create(EnrollRequestSchema, { token: o.token, csrPem, facts: o.facts, labels: o.labels }), {
      timeoutMs: 15_000,
      signal: o.signal,
    });
    if (!res.nodeId || !res.certificatePem) throw new FlotillaError("internal", "master sent an incomplete enrollment response");
    const ca = caPem ?? res.caPem;
    if (!ca) throw new FlotillaError("internal", "master sent no CA certificate");
    return await o.stateDir.saveEnrollment(res.nodeId, `${host}:${port}`, res.certificatePem, ca);
  } catch (err) {
    const e = rpcError(err);
    if (isRetryable(e) || !(err instanceof ConnectError)) throw e;
    throw new FlotillaError(e.code, `master refused enrollment: ${e.message}`, e.details, { cause: err });
  } finally {
    channel.close();
  }
}

/**
 * enroll retries {@link enrollOnce} with backoff while the master is
 * unavailable; a rejection (bad token, pin mismatch) is permanent and thrown.
 */
export async function enroll(o: EnrollOptions): Promise<Identity> {
  const backoff = o.backoff ?? createBackoff();
  for (;;) {
    try {
      const id = await enrollOnce(o);
      o.log.info({ node_id: id.nodeId, master: `${o.master.host}:${o.master.port}` }, "enrolled");
      return id;
    } catch (err) {
      const e = rpcError(err);
      if (!isRetryable(e) || o.signal?.aborted) throw e;
      const delay = backoff.next();
      o.log.warn({ code: e.code, err: e.message, retry_in_ms: delay }, "enrollment failed, retrying");
      await sleep(delay, o.signal);
      if (o.signal?.aborted) throw new FlotillaError("canceled", "enrollment canceled");
    }
  }
}
