import assert from "node:assert/strict";
import * as grpc from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import { protoPath as healthProto } from "grpc-health-check";
import { startMaster, type TestMaster } from "./helpers.js";

const REFLECTION_PROTO = new URL("../../node_modules/@grpc/reflection/build/proto/grpc/reflection/v1/reflection.proto", import.meta.url).pathname;

describe("grpc: health and reflection", function () {
  let m: TestMaster;
  let creds: grpc.ChannelCredentials;
  const opts = { "grpc.ssl_target_name_override": "flotilla-master" };
  before(async () => {
    m = await startMaster();
    creds = grpc.credentials.createSsl(Buffer.from(m.pki.caPem));
  });
  after(async () => m.stop());

  it("serves grpc.health.v1.Health: SERVING for the server and each flotilla service, NOT_FOUND otherwise", async () => {
    const def = grpc.loadPackageDefinition(loadSync(healthProto, { enums: String })) as any;
    const client = new def.grpc.health.v1.Health(`127.0.0.1:${m.port}`, creds, opts) as grpc.Client & { check: (...args: any[]) => any };
    const check = (service: string) =>
      new Promise<{ status?: string; code?: number }>((resolve) =>
        client.check({ service }, (err: grpc.ServiceError | null, res: { status: string }) =>
          resolve(err ? { code: err.code } : { status: res.status }),
        ),
      );
    try {
      assert.deepEqual(await check(""), { status: "SERVING" });
      assert.deepEqual(await check("flotilla.v1.NodeService"), { status: "SERVING" });
      assert.deepEqual(await check("flotilla.v1.EnrollmentService"), { status: "SERVING" });
      assert.deepEqual(await check("no.such.Service"), { code: grpc.status.NOT_FOUND });
    } finally {
      client.close();
    }
  });

  it("lists the flotilla.v1 services over server reflection and resolves their files", async () => {
    const def = grpc.loadPackageDefinition(loadSync(REFLECTION_PROTO, { keepCase: true })) as any;
    const client = new def.grpc.reflection.v1.ServerReflection(`127.0.0.1:${m.port}`, creds, opts) as grpc.Client & {
      ServerReflectionInfo: (...args: any[]) => any;
    };
    try {
      const ask = (req: object) =>
        new Promise<any>((resolve, reject) => {
          const call = client.ServerReflectionInfo();
          call.on("data", (d: unknown) => resolve(d));
          call.on("error", reject);
          call.write(req);
          call.end();
        });
      const list = await ask({ list_services: "" });
      const names = list.list_services_response.service.map((s: { name: string }) => s.name);
      assert.ok(names.includes("flotilla.v1.NodeService"), names.join(","));
      assert.ok(names.includes("flotilla.v1.EnrollmentService"), names.join(","));
      const file = await ask({ file_containing_symbol: "flotilla.v1.NodeService" });
      assert.ok(file.file_descriptor_response.file_descriptor_proto.length > 0);
    } finally {
      client.close();
    }
  });
});
