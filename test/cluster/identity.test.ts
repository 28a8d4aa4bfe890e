import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkServerIdentity, type PeerCertificate } from "node:tls";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { EnrollmentService } from "@flotilla/shared/gen/flotilla/v1/enrollment_pb.js";
import { NodeService, type SessionRequest } from "@flotilla/shared/gen/flotilla/v1/node_pb.js";
import { MASTER_TLS_NAME } from "../../master/src/pki/index.js";
import { facts, makeCsr, pushable } from "../grpc/helpers.js";
import { postgresDatabase } from "../helpers/database.js";
import { MASTER_MAIN, spawnNode, startWorker, waitFor, type MasterProc, type Proc } from "../helpers/processes.js";
import { NATS_URL, requireNats, startReplica } from "./harness.js";

type Node = { id: string; status: string };

/** OVERLAP_MS is the renewal overlap the replicas run with (--cert-renewal-overlap). */
const OVERLAP_MS = 2_000;

/** grpcTo opens a NodeService or EnrollmentService client to a replica, with a node certificate when given. */
function grpcTo(m: MasterProc, identity?: { certPem: string; keyPem: string }) {
  return createGrpcTransport({
    baseUrl: `https://${m.grpc}`,
    nodeOptions: {
      ca: readFileSync(join(m.dataDir, "tls", "ca.crt"), "utf8"),
      ...(identity ? { cert: identity.certPem, key: identity.keyPem } : {}),
      checkServerIdentity: (_h: string, cert: PeerCertificate) => checkServerIdentity(MASTER_TLS_NAME, cert),
    },
  });
}
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => "ok" as const,
    (e: unknown) => ConnectError.from(e).code,
  );

describe("replicas: one identity for the cluster, deletion reaches every replica (PostgreSQL + NATS)", function () {
  this.timeout(240_000);
  let db: Awaited<ReturnType<typeof postgresDatabase>>;
  let a: MasterProc;
  let b: MasterProc;
  const procs: Proc[] = [];
  const dirs: string[] = [];
  before(async function () {
    await requireNats(this);
    db = await postgresDatabase();
    a = await startReplica(db.url, ["--cert-renewal-overlap", `${OVERLAP_MS / 1000}s`]);
    b = await startReplica(db.url, ["--cert-renewal-overlap", `${OVERLAP_MS / 1000}s`]);
  });
  after(async () => {
    for (const p of procs) await p.kill("SIGKILL");
    for (const m of [a, b]) if (m) await m.kill("SIGKILL");
    for (const m of [a, b]) if (m) rmSync(m.dataDir, { recursive: true, force: true });
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await db?.cleanup();
  });

  it("both replicas serve the same CA and hold the same JWT key", async () => {
    const [caA, caB] = await Promise.all([a, b].map(async (m) => (await fetch(`${m.http}/api/v1/pki/ca.pem`)).text()));
    assert.match(caA!, /BEGIN CERTIFICATE/);
    assert.equal(caB, caA);
    assert.deepEqual(readFileSync(join(b.dataDir, "jwt.key")), readFileSync(join(a.dataDir, "jwt.key")));
    assert.ok(
      b.lines.some(
        (l) => l.includes('"cluster identity shared through the database"') && l.includes('"adopted":["ca.crt","ca.key","jwt.key","webhooks.key"]'),
      ),
      "B adopted the cluster's secrets",
    );
  });

  it("a token issued by replica A works on replica B, and B refreshes A's session", async () => {
    const me = await fetch(`${b.http}/api/v1/auth/me`, { headers: { authorization: `Bearer ${a.api.token}` } });
    assert.equal(me.status, 200, await me.clone().text());
    assert.equal(((await me.json()) as { username: string }).username, "admin");
    const login = await fetch(`${a.http}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: "correct horse battery staple" }),
    });
    const { refresh_token } = (await login.json()) as { refresh_token: string };
    const refreshed = await fetch(`${b.http}/api/v1/auth/refresh`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ refresh_token }),
    });
    assert.equal(refreshed.status, 200, await refreshed.clone().text());
  });

  it("a worker enrolled through A reconnects to B as itself; deleting it through B cuts its stream on A at once", async () => {
    const tok = await a.api.post<{ token: string }>("/enrollment-tokens", { name: "replicas" });
    let w = startWorker(a, { token: tok.token });
    procs.push(w);
    const node = await waitFor(
      async () => (await a.api.get<{ items: Node[] }>("/nodes")).items.find((n) => n.status === "online"),
      60_000,
      "online through A",
      200,
    );
    await w.kill("SIGTERM");
    w = startWorker(b, { stateDir: w.stateDir });
    procs.push(w);
    await waitFor(async () => (await b.api.get<Node>(`/nodes/${node.id}`)).status === "online", 60_000, "online through B", 200);
    assert.ok(!w.lines.some((l) => l.includes('"enrolled"')), "no re-enrollment");
    assert.equal((await b.api.get<{ items: Node[] }>("/nodes")).items.length, 1);
    await w.kill("SIGTERM");

    // Back on A; B deletes it. B's certificate cache would take 30 s: NATS makes it immediate.
    w = startWorker(a, { stateDir: w.stateDir });
    procs.push(w);
    await waitFor(
      async () => (await a.api.get<Node>(`/nodes/${node.id}`)).status === "online" && w.lines.some((l) => l.includes("session")),
      60_000,
      "online through A again",
      200,
    );
    const t0 = Date.now();
    const del = await b.api.call("DELETE", `/nodes/${node.id}`);
    assert.ok(del.status < 300, JSON.stringify(del.body));
    const code = await Promise.race([w.exited, new Promise((ok) => setTimeout(() => ok("still running"), 20_000))]);
    const cutMs = Date.now() - t0;
    assert.equal(code, 3, "the worker on A learned its node was deleted");
    process.stdout.write(`      deletion through B cut the stream on A after ${cutMs} ms\n`);
    assert.ok(cutMs < 5_000, `cut after ${cutMs} ms (the cache refresh would take 30 s)`);
  });

  it("a node renewing through B: its old certificate's stream on A is cut when the overlap ends, not at A's next re-read", async () => {
    const tok = await a.api.post<{ token: string }>("/enrollment-tokens", { name: "renewal" });
    const { csrPem, keyPem } = await makeCsr();
    const enrolled = await createClient(EnrollmentService, grpcTo(a)).enroll({ token: tok.token, csrPem, facts: facts({ hostname: "renews" }) });
    const old = { certPem: enrolled.certificatePem, keyPem };
    // The old certificate holds a session on A.
    const out = pushable<SessionRequest>();
    out.push({
      $typeName: "flotilla.v1.SessionRequest",
      kind: { case: "hello", value: { $typeName: "flotilla.v1.SessionHello", capabilities: [] } },
    } as SessionRequest);
    const session = createClient(NodeService, grpcTo(a, old)).session(out)[Symbol.asyncIterator]();
    assert.equal((await session.next()).value?.kind.case, "welcome");
    // It renews through B.
    const next = await makeCsr();
    const renewedAt = Date.now();
    const renewed = await createClient(NodeService, grpcTo(b, old)).renewCertificate({ csrPem: next.csrPem });
    const ended = session.next().then(
      () => ({ code: "still open" as Code | string, at: Date.now() }),
      (e: unknown) => ({ code: ConnectError.from(e).code as Code | string, at: Date.now() }),
    );
    assert.equal(await outcome(createClient(NodeService, grpcTo(a, old)).heartbeat({})), "ok", "A accepts the old certificate during the overlap");
    const cut = await Promise.race([ended, new Promise<null>((ok) => setTimeout(() => ok(null), OVERLAP_MS + 10_000))]);
    out.end();
    assert.ok(cut, "the old certificate's session on A is still open 10 s after the overlap");
    assert.equal(cut.code, Code.Unauthenticated);
    const after = cut.at - renewedAt;
    process.stdout.write(`      renewal through B cut the old certificate's session on A ${after} ms after renewing (overlap ${OVERLAP_MS} ms)\n`);
    assert.ok(after >= OVERLAP_MS - 100, `not before the overlap ends (${after} ms)`);
    assert.ok(after < OVERLAP_MS + 1_000, `within 1 s after the overlap (${after} ms; A's re-read would take up to 30 s)`);
    assert.equal(await outcome(createClient(NodeService, grpcTo(a, old)).heartbeat({})), Code.Unauthenticated, "A refuses the old certificate now");
    const current = { certPem: renewed.certificatePem, keyPem: next.keyPem };
    assert.equal(await outcome(createClient(NodeService, grpcTo(a, current)).heartbeat({})), "ok", "and accepts the renewed one");
  });

  it("a replica whose data dir holds another CA refuses to start, naming --data-dir", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "flotilla-replica-"));
    dirs.push(dataDir);
    mkdirSync(join(dataDir, "tls"));
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-subj",
        "/CN=other",
        "-days",
        "1",
        "-keyout",
        join(dataDir, "tls/ca.key"),
        "-out",
        join(dataDir, "tls/ca.crt"),
      ],
      { stdio: "ignore" },
    );
    const p = spawnNode(MASTER_MAIN, [
      "--http-addr",
      "127.0.0.1:0",
      "--grpc-addr",
      "127.0.0.1:0",
      "--data-dir",
      dataDir,
      "--database-url",
      db.url,
      "--nats-url",
      NATS_URL,
    ]);
    assert.equal(await p.exited, 2);
    assert.ok(
      p.lines.some((l) => l.includes('"setting":"--data-dir"') && l.includes("differs from the cluster's ca.crt")),
      p.lines.join("\n"),
    );
  });

  it("--nats-url without PostgreSQL is a configuration error naming --nats-url", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "flotilla-replica-"));
    dirs.push(dataDir);
    const p = spawnNode(MASTER_MAIN, ["--data-dir", dataDir, "--nats-url", NATS_URL]);
    assert.equal(await p.exited, 2);
    assert.match(p.lines.join("\n"), /--nats-url: replicas share their state through PostgreSQL/);
  });
});
