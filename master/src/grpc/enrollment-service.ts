import { create } from "@bufbuild/protobuf";
import { EnrollResponseSchema, type EnrollmentService } from "@flotilla/shared/gen/flotilla/v1/enrollment_pb.js";
import { FlotillaError } from "@flotilla/shared";
import type { EnrollmentService as Enrollment, NodeFacts } from "../services/enrollment.js";
import { factsFromWire } from "../services/node-facts.js";
import type { HandlersOf } from "./handlers.js";
import { peerAddress } from "./peer.js";

/**
 * enrollmentHandlers is the transport of EnrollmentService (no client
 * certificate needed): parse, call the enrollment service, render. Refusals
 * carry their reason in the status message. At most `maxPerSource` calls
 * from one address are handled at once (RESOURCE_EXHAUSTED beyond).
 */
export function enrollmentHandlers(
  enrollment: Enrollment,
  limits: { maxPerSource: number } = { maxPerSource: 16 },
): HandlersOf<typeof EnrollmentService> {
  const inFlight = new Map<string, number>();
  return {
    async enroll(req, ctx) {
      const source = peerAddress(ctx.raw.getPeer());
      const n = inFlight.get(source) ?? 0;
      if (n >= limits.maxPerSource) throw new FlotillaError("rate_limited", "too many enrollment calls in progress from this address");
      inFlight.set(source, n + 1);
      ctx.onEnd(() => {
        const left = (inFlight.get(source) ?? 1) - 1;
        if (left <= 0) inFlight.delete(source);
        else inFlight.set(source, left);
      });
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
