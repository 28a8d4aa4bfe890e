import { create } from "@bufbuild/protobuf";
import { EnrollResponseSchema, type EnrollmentService } from "@flotilla/shared/gen/flotilla/v1/enrollment_pb.js";
import { FlotillaError } from "@flotilla/shared";
import type { EnrollmentService as Enrollment, NodeFacts } from "../services/enrollment.js";
import { factsFromWire } from "./facts.js";
import type { HandlersOf } from "./handlers.js";
import { peerAddress } from "./peer.js";

/**
 * enrollmentHandlers is the transport of EnrollmentService (no client
 * certificate needed): parse, call the enrollment service, render. Refusals
 * carry their reason in the status message.
 */
export function enrollmentHandlers(enrollment: Enrollment): HandlersOf<typeof EnrollmentService> {
  return {
    async enroll(req, ctx) {
      let facts: NodeFacts | null = null;
      let factsError: string | undefined;
      try {
        facts = factsFromWire(req.facts);
      } catch (err) {
        factsError = FlotillaError.from(err).message;
      }
      const out = await enrollment.enroll({
        token: req.token,
        csrPem: req.csrPem,
        facts,
        factsError,
        labels: { ...req.labels },
        sourceAddr: peerAddress(ctx.raw.getPeer()),
      });
      return create(EnrollResponseSchema, { nodeId: out.nodeId, certificatePem: out.certificatePem, caPem: out.caPem });
    },
  };
}
