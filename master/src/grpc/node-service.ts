import { create } from "@bufbuild/protobuf";
import { errors } from "@flotilla/shared";
import {
  GoodbyeResponseSchema,
  PushResponseSchema,
  RenewCertificateResponseSchema,
  type NodeService,
  type PushRequest,
} from "@flotilla/shared/gen/flotilla/v1/node_pb.js";
import type { MasterContext } from "../context.js";
import type { Liveness } from "../liveness/index.js";
import type { Pki } from "../pki/index.js";
import { recordRenewal } from "../services/enrollment.js";
import type { SessionRegistry } from "../sessions/index.js";
import type { Admission } from "./admission.js";
import type { Authenticator } from "./auth.js";
import type { HandlersOf } from "./handlers.js";
import { answerHeartbeat, type SpoolReportHook } from "./heartbeat.js";
import type { PushTracker } from "./push-tracker.js";
import { sessionHandler } from "./session-handler.js";

/** DEFAULT_RENEWAL_OVERLAP_MS is how long a superseded certificate still authenticates when the config does not say. */
const DEFAULT_RENEWAL_OVERLAP_MS = 10 * 60_000;

/** IngestHook receives every new (non-duplicate) push from a node. */
export type IngestHook = (nodeId: string, push: PushRequest) => Promise<void> | void;

/** NodeServiceDeps are the collaborators of NodeService. */
export interface NodeServiceDeps {
  ctx: MasterContext;
  pki: Pki;
  auth: Authenticator;
  liveness: Liveness;
  sessions: SessionRegistry;
  pushes: PushTracker;
  admission: Admission;
  ingest?: IngestHook;
  spool?: SpoolReportHook;
}

/**
 * nodeHandlers is the transport of NodeService. Every call authenticates the
 * node by its client certificate first.
 */
export function nodeHandlers(deps: NodeServiceDeps): HandlersOf<typeof NodeService> {
  const { ctx, auth, liveness, pushes } = deps;
  return {
    async heartbeat(req, cctx) {
      const { nodeId } = await auth.authenticate(cctx);
      return answerHeartbeat(deps, nodeId, req);
    },

    async renewCertificate(req, cctx) {
      const id = await auth.authenticate(cctx);
      const { nodeId } = id;
      const cert = await deps.pki.signCsr(req.csrPem, nodeId, ctx.config.nodeCertTtlMs);
      // The superseded certificate keeps working for the overlap (the worker reconnects with the new one), then is revoked.
      const revokeAt = new Date(Date.now() + (ctx.config.certRenewalOverlapMs ?? DEFAULT_RENEWAL_OVERLAP_MS));
      const superseded = await recordRenewal(
        ctx,
        nodeId,
        { serial: cert.serial, expiresAt: cert.notAfter },
        { serial: id.serial, expiresAt: id.notAfter },
        revokeAt,
      );
      auth.supersede(nodeId, superseded, revokeAt.getTime());
      ctx.bus.publish("node.certificate_renewed", { serial: cert.serial, cert_expires_at: cert.notAfter.toISOString() }, nodeId);
      cctx.log.info(
        { node_id: nodeId, serial: cert.serial, not_after: cert.notAfter.toISOString(), superseded, superseded_revoked_at: revokeAt.toISOString() },
        "certificate renewed",
      );
      return create(RenewCertificateResponseSchema, { certificatePem: cert.certPem });
    },

    async push(req, cctx) {
      const { nodeId } = await auth.authenticate(cctx);
      const admitted = deps.admission.admitPush();
      if (admitted instanceof Error) throw admitted;
      cctx.onEnd(admitted.release);
      if (req.seq === 0n) throw errors.invalid("seq must be positive", [{ field: "seq", message: "required" }]);
      if (req.payload.case === undefined) throw errors.invalid("push carries no payload", [{ field: "payload", message: "required" }]);
      if (!pushes.accept(nodeId, req.seq)) {
        return create(PushResponseSchema, { ackedSeq: pushes.acked(nodeId), duplicate: true });
      }
      if (deps.ingest) await deps.ingest(nodeId, req);
      else if (req.payload.case === "events") {
        for (const e of req.payload.value.events) cctx.log.info({ node_id: nodeId, event: e.type, container_id: e.containerId }, "worker event");
      }
      pushes.commit(nodeId, req.seq);
      return create(PushResponseSchema, { ackedSeq: pushes.acked(nodeId), duplicate: false });
    },

    async goodbye(req, cctx) {
      const { nodeId } = await auth.authenticate(cctx);
      cctx.log.info({ node_id: nodeId, reason: req.reason.slice(0, 200) }, "node said goodbye");
      liveness.offline(nodeId, "goodbye");
      return create(GoodbyeResponseSchema, {});
    },

    session: sessionHandler(deps),
  };
}
