import assert from "node:assert/strict";
import { Webhook as Verifier } from "standardwebhooks";
import { startReceiver, type Receiver } from "../helpers/receiver.js";
import { startMaster, startWorker, waitFor, type MasterProc } from "../helpers/processes.js";

type Attempt = {
  at: string;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
  request_headers: Record<string, string>;
  response_body: string | null;
};
type Delivery = { id: string; status: string; event_id: string; event_type: string; attempts: Attempt[]; request_body: string };

async function deliveries(m: MasterProc, webhookId: string): Promise<Delivery[]> {
  return (await m.api.get<{ items: Delivery[] }>(`/webhooks/${webhookId}/deliveries?limit=100`)).items;
}

describe("webhook delivery (real master, worker and HTTP receivers)", function () {
  this.timeout(90_000);
  let master: MasterProc;
  const receivers: Receiver[] = [];
  before(async () => {
    master = await startMaster({
      args: [
        "--webhook-allowed-hosts",
        "127.0.0.1",
        "--webhook-retry-schedule",
        "300ms,1500ms,4000ms,8000ms",
        "--webhook-timeout",
        "1s",
        "--heartbeat-interval",
        "1s",
      ],
    });
  });
  after(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await master?.cleanup();
  });
  const receiver = async (...a: Parameters<typeof startReceiver>) => {
    const r = await startReceiver(...a);
    receivers.push(r);
    return r;
  };

  it("delivers a signed node.offline within 2 s of the event; standardwebhooks verifies it and rejects a changed body or an old timestamp", async () => {
    const rx = await receiver();
    const hook = await master.api.post<{ id: string; secret: string }>("/webhooks", { name: "offline", url: rx.url, event_types: ["node.*"] });
    assert.match(hook.secret, /^whsec_[A-Za-z0-9+/]+=*$/);
    const again = await master.api.get<Record<string, unknown>>(`/webhooks/${hook.id}`);
    assert.equal(again.secret, undefined, "the secret is shown once");

    const tok = await master.api.post<{ token: string }>("/enrollment-tokens", { name: "wh" });
    const worker = startWorker(master, { token: tok.token });
    try {
      await waitFor(
        async () => (await master.api.get<{ items: { status: string }[] }>("/nodes")).items.some((n) => n.status === "online"),
        20_000,
        "worker online",
      );
      await worker.kill("SIGTERM");
      await rx.waitFor((g) => g.some((r) => JSON.parse(r.body).type === "node.offline"), 10_000, "node.offline delivery");
    } finally {
      await worker.kill("SIGKILL");
    }
    const got = rx.got.find((r) => JSON.parse(r.body).type === "node.offline")!;
    const event = JSON.parse(got.body) as { id: string; type: string; ts: string; node_id: string; data: Record<string, unknown> };
    assert.ok(got.at - Date.parse(event.ts) < 2_000, `delivered ${got.at - Date.parse(event.ts)} ms after the event`);
    assert.ok(event.node_id && event.id);
    assert.equal(got.headers["webhook-id"], event.id);

    const headers = {
      "webhook-id": String(got.headers["webhook-id"]),
      "webhook-timestamp": String(got.headers["webhook-timestamp"]),
      "webhook-signature": String(got.headers["webhook-signature"]),
    };
    const v = new Verifier(hook.secret);
    assert.deepEqual(v.verify(got.body, headers), event);
    assert.throws(() => v.verify(got.body.replace('"node.offline"', '"node.online"'), headers), /signature/i);
    const old = new Date(Date.now() - 6 * 60_000);
    const oldHeaders = {
      ...headers,
      "webhook-timestamp": String(Math.floor(old.getTime() / 1000)),
      "webhook-signature": v.sign(headers["webhook-id"], old, got.body),
    };
    assert.throws(() => v.verify(got.body, oldHeaders), /too old/i);
    await master.api.call("DELETE", `/webhooks/${hook.id}`);
  });

  it("retries a receiver answering 500 three times then 200: 4 attempts with growing delays and one success", async () => {
    const rx = await receiver((_r, res, n) => {
      res.statusCode = n <= 3 ? 500 : 200;
      res.end(n <= 3 ? "boom" : "fine");
    });
    const hook = await master.api.post<{ id: string }>("/webhooks", { name: "flaky", url: rx.url, event_types: ["webhook.test"] });
    const { delivery_id } = await master.api.post<{ delivery_id: string }>(`/webhooks/${hook.id}/test`, {});
    const d = await waitFor(
      async () => (await deliveries(master, hook.id)).find((x) => x.id === delivery_id && x.status === "succeeded"),
      25_000,
      "delivery succeeded",
    );
    assert.deepEqual(
      d.attempts.map((a) => a.status_code),
      [500, 500, 500, 200],
    );
    assert.equal(d.attempts[0]!.response_body, "boom");
    assert.match(d.attempts[0]!.request_headers["webhook-signature"]!, /^v1,/);
    const at = d.attempts.map((a) => Date.parse(a.at));
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    for (let i = 1; i < gaps.length; i++) assert.ok(gaps[i]! > gaps[i - 1]!, `delays grow: ${gaps.join(", ")} ms`);
    assert.equal(rx.got.length, 4);
    assert.equal(new Set(rx.got.map((r) => r.headers["webhook-id"])).size, 1, "one webhook-id across retries");
    const metrics = await (await fetch(`${master.http}/metrics`)).text();
    assert.match(metrics, /^flotilla_webhook_deliveries_total\{outcome="retry"\} [3-9]\d*$/m);
    assert.match(metrics, /^flotilla_webhook_deliveries_total\{outcome="success"\} \d+$/m);
    assert.match(metrics, /^flotilla_webhook_queue_depth \d+$/m);
  });

  it("cuts a hanging receiver at the timeout without holding up a second endpoint", async () => {
    const hang = await receiver(() => undefined);
    const fast = await receiver();
    const slow = await master.api.post<{ id: string }>("/webhooks", { name: "hangs", url: hang.url, event_types: ["webhook.test"] });
    const ok = await master.api.post<{ id: string }>("/webhooks", { name: "fast", url: fast.url, event_types: ["webhook.test"] });
    for (let i = 0; i < 20; i++) await master.api.post(`/webhooks/${slow.id}/test`, {});
    await hang.waitFor((g) => g.length >= 8, 5_000, "the hanging endpoint's concurrency filled");
    const t0 = Date.now();
    await master.api.post(`/webhooks/${ok.id}/test`, {});
    await fast.waitFor((g) => g.length === 1, 2_000, "the second endpoint's delivery");
    assert.ok(Date.now() - t0 < 1_000, `second endpoint served in ${Date.now() - t0} ms`);
    assert.equal(hang.maxOpen(), 8, "at most 8 requests in flight to one endpoint");
    const cut = await waitFor(
      async () => (await deliveries(master, slow.id)).flatMap((d) => d.attempts).find((a) => a.error),
      5_000,
      "a timed-out attempt",
    );
    assert.match(cut.error!, /timed out after 1000 ms/);
    assert.equal(cut.status_code, null);
    assert.ok(cut.latency_ms >= 990 && cut.latency_ms < 2_500, `cut after ${cut.latency_ms} ms`);
  });

  it("does not follow a redirect: the 3xx is logged as a failed attempt and its target gets nothing", async () => {
    const target = await receiver();
    const redirecting = await receiver((_r, res) => {
      res.statusCode = 302;
      res.setHeader("location", target.url);
      res.end();
    });
    const hook = await master.api.post<{ id: string }>("/webhooks", { name: "redirects", url: redirecting.url, event_types: ["webhook.test"] });
    await master.api.post(`/webhooks/${hook.id}/test`, {});
    const attempt = await waitFor(async () => (await deliveries(master, hook.id))[0]?.attempts[0], 10_000, "the first attempt");
    assert.equal(attempt.status_code, 302);
    assert.match(attempt.error!, /redirect \(302\) not followed/);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(target.got.length, 0, "the redirect target was never called");
  });
});

describe("webhook endpoint failing too long (real master)", function () {
  this.timeout(60_000);
  let master: MasterProc;
  let rx: Receiver | undefined;
  after(async () => {
    await rx?.close();
    await master?.cleanup();
  });

  it("is disabled with a webhook.disabled event and an in-app notification", async () => {
    master = await startMaster({
      args: [
        "--webhook-allowed-hosts",
        "127.0.0.1",
        "--webhook-retry-schedule",
        "500ms,500ms,500ms,500ms,500ms,500ms,500ms,500ms",
        "--webhook-disable-after",
        "2s",
      ],
    });
    rx = await startReceiver((_r, res) => {
      res.statusCode = 503;
      res.end();
    });
    const hook = await master.api.post<{ id: string }>("/webhooks", { name: "always down", url: rx.url, event_types: ["webhook.test"] });
    await master.api.post(`/webhooks/${hook.id}/test`, {});
    const off = await waitFor(
      async () => {
        const w = await master.api.get<{ enabled: boolean; disabled_reason: string | null }>(`/webhooks/${hook.id}`);
        return w.enabled ? null : w;
      },
      20_000,
      "webhook disabled",
    );
    assert.match(off.disabled_reason ?? "", /failing since/);
    const events = await waitFor(
      async () => {
        const items = (await master.api.get<{ items: { type: string; data: { webhook_id: string } }[] }>("/events?type=webhook.disabled")).items;
        return items.length ? items : null;
      },
      10_000,
      "webhook.disabled event",
    );
    assert.deepEqual(
      events.map((e) => e.data.webhook_id),
      [hook.id],
    );
    const notes = await waitFor(
      async () => {
        const items = (await master.api.get<{ items: { kind: string; title: string; link: string }[] }>("/notifications")).items;
        return items.find((n) => n.kind === "webhook") ?? null;
      },
      10_000,
      "in-app notification",
    );
    assert.equal(notes.link, `/webhooks/${hook.id}`);
    assert.match(notes.title, /always down disabled/);
    // disabled: no more attempts on its own
    const n = rx.got.length;
    await new Promise((r) => setTimeout(r, 1_500));
    assert.equal(rx.got.length, n, "no attempts after the endpoint was disabled");
  });
});
