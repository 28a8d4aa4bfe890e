import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { checkServerIdentity, type PeerCertificate } from "node:tls";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { EnrollmentService } from "@flotilla/shared/gen/flotilla/v1/enrollment_pb.js";
import { startMaster, type MasterProc } from "../helpers/processes.js";

const MiB = 1024 * 1024;

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(m![1]) / 1024;
}

/** burst sends `n` concurrent Enroll calls of `bytes` each, every one on its own connection, and returns their codes ("ok" for a call that succeeded). */
async function burst(m: MasterProc, caPem: string, n: number, bytes: number): Promise<(Code | "ok")[]> {
  const token = "x".repeat(bytes);
  return Promise.all(
    Array.from({ length: n }, async () => {
      const transport = createGrpcTransport({
        baseUrl: `https://${m.grpc}`,
        nodeOptions: { ca: caPem, checkServerIdentity: (_h: string, cert: PeerCertificate) => checkServerIdentity("flotilla-master", cert) },
      });
      try {
        await createClient(EnrollmentService, transport).enroll({ token, csrPem: "" }, { timeoutMs: 60_000 });
        return "ok" as const;
      } catch (err) {
        return ConnectError.from(err).code;
      }
    }),
  );
}

describe("grpc: unauthenticated memory bounds (real master process)", function () {
  this.timeout(180_000);
  let m: MasterProc;
  let caPem: string;
  before(async () => {
    m = await startMaster();
    caPem = await (await fetch(`${m.http}/api/v1/pki/ca.pem`)).text();
  });
  after(async () => m?.cleanup());

  it("refuses oversized Enroll calls and returns under 250 MB RSS after a burst of 24 x 15 MiB", async () => {
    const pid = m.child.pid!;
    const before = rssMb(pid);
    const big = await burst(m, caPem, 24, 15 * MiB);
    // Refused at the length prefix: RESOURCE_EXHAUSTED, or the stream reset by HTTP/2 flow control.
    assert.ok(
      big.every((c) => c === Code.ResourceExhausted || c === Code.Internal),
      `codes: ${big.join(",")}`,
    );
    // Under the server-wide limit but far over Enroll's: refused without being decoded.
    const mid = await burst(m, caPem, 24, 6 * MiB);
    assert.ok(
      mid.every((c) => c === Code.ResourceExhausted),
      `codes: ${mid.join(",")}`,
    );
    let after = rssMb(pid);
    for (let i = 0; i < 30 && after >= 250; i++) {
      await new Promise((r) => setTimeout(r, 500));
      after = rssMb(pid);
    }
    console.log(`      RSS before ${before.toFixed(0)} MB, after the bursts ${after.toFixed(0)} MB`);
    assert.ok(after < 250, `RSS ${after.toFixed(0)} MB after the burst`);
  });
});
