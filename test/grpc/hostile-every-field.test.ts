import assert from "node:assert/strict";
import { fromJson, ScalarType, toBinary, type DescMessage, type DescService, type JsonObject, type JsonValue } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import * as grpc from "@grpc/grpc-js";
import { EnrollmentService } from "@flotilla/shared/gen/flotilla/v1/enrollment_pb.js";
import { NodeService, SessionRequestSchema, type SessionRequest } from "@flotilla/shared/gen/flotilla/v1/node_pb.js";
import { enrollNode, pushable, startMaster, type EnrolledNode, type TestMaster } from "./helpers.js";

/** A string leaf of a request message: its JSON path and how to build a message holding `text` there. */
interface Leaf {
  path: string;
  build(text: string): JsonObject;
}

/** MARKER stands in for a lone surrogate until the message is encoded; then its bytes become ED A0 80 (U+D800 in UTF-8 form). */
const MARKER = "SURROGATE-MARKER";

/**
 * stringLeaves lists every string a request message can carry (scalar,
 * repeated, map keys and values, nested messages and oneof members), from
 * the generated descriptors, so a new field is covered without editing
 * this test. A message type already on the path is not entered again.
 */
function stringLeaves(schema: DescMessage, seen: string[] = []): Leaf[] {
  const out: Leaf[] = [];
  if (seen.includes(schema.typeName) || seen.length > 8) return out;
  const inner = [...seen, schema.typeName];
  for (const f of schema.fields) {
    const key = f.jsonName;
    const wrap = (v: JsonValue): JsonObject => ({ [key]: v });
    if (f.fieldKind === "scalar" && f.scalar === ScalarType.STRING) out.push({ path: key, build: (t) => wrap(t) });
    else if (f.fieldKind === "list" && f.listKind === "scalar" && f.scalar === ScalarType.STRING)
      out.push({ path: `${key}.0`, build: (t) => wrap([t]) });
    else if (f.fieldKind === "message")
      for (const l of stringLeaves(f.message, inner)) out.push({ path: `${key}.${l.path}`, build: (t) => wrap(l.build(t)) });
    else if (f.fieldKind === "list" && f.listKind === "message")
      for (const l of stringLeaves(f.message, inner)) out.push({ path: `${key}.0.${l.path}`, build: (t) => wrap([l.build(t)]) });
    else if (f.fieldKind === "map") {
      if (f.mapKey === ScalarType.STRING) out.push({ path: `${key}.key`, build: (t) => wrap({ [t]: f.mapKind === "message" ? {} : mapValue(f) }) });
      if (f.mapKind === "scalar" && f.scalar === ScalarType.STRING) out.push({ path: `${key}.k`, build: (t) => wrap({ k: t }) });
      if (f.mapKind === "message")
        for (const l of stringLeaves(f.message, inner)) out.push({ path: `${key}.k.${l.path}`, build: (t) => wrap({ k: l.build(t) }) });
    }
  }
  return out;
}

function mapValue(f: { scalar?: ScalarType }): JsonValue {
  return f.scalar === ScalarType.STRING ? "v" : f.scalar === ScalarType.BOOL ? false : 0;
}

/** encode builds the message with `text` at the leaf; MARKER is swapped for the UTF-8 form of a lone surrogate. */
function encode(schema: DescMessage, leaf: Leaf, text: string): Buffer {
  const bytes = Buffer.from(toBinary(schema, fromJson(schema, leaf.build(text))));
  const at = bytes.indexOf(MARKER);
  if (at >= 0) Buffer.from([0xed, 0xa0, 0x80]).copy(bytes, at);
  return bytes;
}

const id = (b: Buffer) => b;

/** call sends raw request bytes to a unary method and resolves with the status code. */
function call(client: grpc.Client, service: DescService, method: string, bytes: Buffer): Promise<grpc.status> {
  return new Promise((resolve) => {
    client.makeUnaryRequest(`/${service.typeName}/${method}`, id, id, bytes, { deadline: Date.now() + 15_000 }, (err) =>
      resolve(err ? err.code : grpc.status.OK),
    );
  });
}

/**
 * sessionCode opens a Session, sends one message and returns how the stream
 * ended (connect client: toBinary encodes a lone surrogate as U+FFFD, so the
 * Session gets the NUL case; invalid UTF-8 takes the same malformed path).
 */
async function sessionCode(node: EnrolledNode, msg: SessionRequest): Promise<string> {
  const out = pushable<SessionRequest>();
  out.push(msg);
  const it = node.client.session(out, { timeoutMs: 10_000 })[Symbol.asyncIterator]();
  try {
    for (;;) if ((await it.next()).done) return "OK";
  } catch (err) {
    return Code[ConnectError.from(err).code] ?? "unknown";
  } finally {
    out.end();
  }
}

describe("grpc: every string field of every request refuses NUL and lone surrogates", function () {
  this.timeout(300_000);
  let m: TestMaster;
  let node: EnrolledNode;
  let anonymous: grpc.Client;
  let authenticated: grpc.Client;
  before(async () => {
    m = await startMaster({ enrollRateLimit: 100_000 });
    node = await enrollNode(m);
    const opts = { "grpc.ssl_target_name_override": "flotilla-master" };
    anonymous = new grpc.Client(`127.0.0.1:${m.port}`, grpc.credentials.createSsl(Buffer.from(m.pki.caPem)), opts);
    authenticated = new grpc.Client(
      `127.0.0.1:${m.port}`,
      grpc.credentials.createSsl(Buffer.from(m.pki.caPem), Buffer.from(node.keyPem), Buffer.from(node.certPem)),
      opts,
    );
  });
  after(async () => {
    anonymous?.close();
    authenticated?.close();
    await m?.stop();
  });

  for (const [service, anon] of [
    [EnrollmentService, true],
    [NodeService, false],
  ] as const) {
    it(`${service.name}: INVALID_ARGUMENT for a NUL or a lone surrogate in each string, and nothing stored`, async () => {
      const failures: string[] = [];
      let checked = 0;
      const nodes = await m.ctx.db.node.count();
      for (const method of service.methods) {
        const leaves = stringLeaves(method.input);
        if (method.methodKind !== "unary") {
          for (const leaf of leaves) {
            checked++;
            const got = await sessionCode(node, fromJson(SessionRequestSchema, leaf.build("ok\u0000x")));
            if (got !== "InvalidArgument") failures.push(`${method.name} ${leaf.path} [NUL] → ${got}`);
          }
          continue;
        }
        assert.ok(leaves.length > 0 || method.name === "Heartbeat" || method.name === "Goodbye", `${method.name} has string fields`);
        for (const leaf of leaves) {
          for (const [name, text] of [
            ["NUL", "ok\u0000x"],
            ["lone surrogate", MARKER],
          ] as const) {
            const code = await call(anon ? anonymous : authenticated, service, method.name, encode(method.input, leaf, text));
            checked++;
            if (code !== grpc.status.INVALID_ARGUMENT) failures.push(`${method.name} ${leaf.path} [${name}] → ${grpc.status[code]}`);
          }
        }
      }
      assert.ok(checked >= 20, `only ${checked} cases`);
      assert.deepEqual(failures, []);
      assert.equal(await m.ctx.db.node.count(), nodes, "no node was created");
    });
  }
});
