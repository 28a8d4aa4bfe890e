import "reflect-metadata";
import assert from "node:assert/strict";
import { webcrypto } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as x509 from "@peculiar/x509";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { startMaster, type MasterProc } from "../helpers/processes.js";

type Crypto = Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[1];

/** A self-signed server certificate for 127.0.0.1 / localhost, as PEM. */
async function selfSigned(): Promise<{ certPem: string; keyPem: string }> {
  const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
  const keys = await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"]);
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: "2a",
      name: "CN=smtp.test",
      notBefore: new Date(Date.now() - 60_000),
      notAfter: new Date(Date.now() + 86_400_000),
      keys: keys as never,
      signingAlgorithm: alg,
      extensions: [
        new x509.SubjectAlternativeNameExtension([
          { type: "ip", value: "127.0.0.1" },
          { type: "dns", value: "localhost" },
        ]),
      ],
    },
    webcrypto as unknown as Crypto,
  );
  const der = await webcrypto.subtle.exportKey("pkcs8", keys.privateKey);
  return { certPem: cert.toString("pem"), keyPem: x509.PemConverter.encode(der, "PRIVATE KEY") };
}

/** Mail is one message a test SMTP server accepted, with whether the session was encrypted. */
interface Mail {
  text: string;
  secure: boolean;
  cipher?: string;
}

async function smtpServer(opts: SMTPServerOptions): Promise<{ server: SMTPServer; url: string; mails: Mail[]; close(): Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    logger: false,
    ...opts,
    onData(stream, session, cb) {
      let text = "";
      stream.on("data", (c: Buffer) => (text += c.toString("utf8")));
      stream.on("end", () => {
        const tls = (session as { tlsOptions?: { name?: string } | false }).tlsOptions;
        mails.push({ text, secure: session.secure, cipher: tls ? tls.name : undefined });
        cb();
      });
    },
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const port = (server.server.address() as AddressInfo).port;
  return { server, url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

describe("email channels: STARTTLS with --smtp-require-tls (real SMTP servers, real master)", function () {
  this.timeout(90_000);
  const masters: MasterProc[] = [];
  const servers: { close(): Promise<void> }[] = [];
  let cert: { certPem: string; keyPem: string };
  let caFile: string;
  before(async () => {
    cert = await selfSigned();
    caFile = join(mkdtempSync(join(tmpdir(), "flotilla-smtp-ca-")), "smtp-ca.pem");
    writeFileSync(caFile, cert.certPem);
  });
  after(async () => {
    for (const m of masters) await m.cleanup();
    for (const s of servers) await s.close();
  });

  const master = async (smtpUrl: string, env: NodeJS.ProcessEnv = {}) => {
    const m = await startMaster({ args: ["--smtp-url", smtpUrl, "--smtp-require-tls"], env });
    masters.push(m);
    return m;
  };
  const emailChannel = (m: MasterProc) =>
    m.api.post<{ id: string }>("/notification-channels", { name: "ops mail", kind: "email", config: { to: ["ops@example.com"] } });

  it("sends the test message over STARTTLS to a server whose self-signed certificate the master trusts", async () => {
    const smtp = await smtpServer({ key: cert.keyPem, cert: cert.certPem });
    servers.push(smtp);
    const m = await master(smtp.url, { NODE_EXTRA_CA_CERTS: caFile });
    const ch = await emailChannel(m);
    assert.deepEqual(await m.api.post(`/notification-channels/${ch.id}/test`, {}), { ok: true });
    assert.equal(smtp.mails.length, 1);
    assert.equal(smtp.mails[0]!.secure, true, "the session was upgraded with STARTTLS before DATA");
    assert.ok(smtp.mails[0]!.cipher, "a TLS cipher was negotiated");
    assert.match(smtp.mails[0]!.text, /Subject: \[Flotilla\]/);
    assert.match(smtp.mails[0]!.text, /^To: ops@example\.com/m);
  });

  it("refuses to send to a server that does not offer STARTTLS, with a 503 naming the reason", async () => {
    const plain = await smtpServer({ disabledCommands: ["STARTTLS"] });
    servers.push(plain);
    const m = await master(plain.url, { NODE_EXTRA_CA_CERTS: caFile });
    const ch = await emailChannel(m);
    const r = await m.api.call<{ error: { message: string } }>("POST", `/notification-channels/${ch.id}/test`, {});
    assert.equal(r.status, 503);
    assert.match(JSON.stringify(r.body), /SMTP send failed.*STARTTLS/i);
    assert.equal(plain.mails.length, 0, "no message was sent in clear text");
  });

  it("refuses a STARTTLS server whose certificate the master does not trust", async () => {
    const smtp = await smtpServer({ key: cert.keyPem, cert: cert.certPem });
    servers.push(smtp);
    const m = await master(smtp.url);
    const ch = await emailChannel(m);
    const r = await m.api.call("POST", `/notification-channels/${ch.id}/test`, {});
    assert.equal(r.status, 503);
    assert.match(JSON.stringify(r.body), /SMTP send failed.*(self[- ]signed|certificate)/i);
    assert.equal(smtp.mails.length, 0);
  });
});
