import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { Webhook as Verifier } from "standardwebhooks";
import { startReceiver, type Receiver } from "../helpers/receiver.js";
import { openBrowser, requireChromium, type BrowserSession } from "./browser.js";
import { apiCall, enrollWorker, setUpAdmin, type EnrolledWorker } from "./fleet-setup.js";
import { startFreshMaster, type FreshMaster } from "./master.js";

/** row is the table row of `table` that contains `text`. */
const row = (page: Page, table: string, text: string) => page.getByTestId(table).locator("tbody tr").filter({ hasText: text });

describe("web UI automation: webhooks with their delivery log, channels, alert rules, alerts and the bell", function () {
  this.timeout(240_000);
  let master: FreshMaster | undefined;
  let b: BrowserSession | undefined;
  let hookRx: Receiver | undefined;
  let chatRx: Receiver | undefined;
  let worker: EnrolledWorker | undefined;

  before(async function () {
    requireChromium(this);
    hookRx = await startReceiver((_r, res) => {
      res.setHeader("Content-Type", "application/json");
      res.setHeader("X-Receiver", "ui-test");
      res.end('{"received":true}');
    });
    chatRx = await startReceiver();
    master = await startFreshMaster(["--webhook-allowed-hosts", "127.0.0.1", "--heartbeat-interval", "1s", "--heartbeat-grace", "2s"]);
    b = await openBrowser(master.http);
    await setUpAdmin(b.page);
  });

  after(async () => {
    await worker?.cleanup();
    await b?.close();
    await master?.cleanup();
    await hookRx?.close();
    await chatRx?.close();
  });

  it("creates a webhook (secret shown once), tests it, shows the attempt's request and response, redelivers, rotates and deletes", async () => {
    const page = b!.page;
    await page.goto("/#/webhooks");
    await page.getByRole("heading", { name: "Webhooks", level: 1 }).waitFor();
    assert.equal(await page.title(), "Webhooks · Flotilla");
    await page.getByRole("button", { name: "New webhook" }).click();
    const form = page.getByRole("dialog");
    await form.getByLabel("Name").fill("ops receiver");
    await form.getByLabel("URL").fill(hookRx!.url);
    await form.getByLabel(/Event types/).fill("webhook.test");
    await form.getByRole("button", { name: "Create webhook" }).click();
    const secret = (await page.getByTestId("webhook-secret").textContent())!.trim();
    assert.match(secret, /^whsec_[A-Za-z0-9+/]+=*$/);
    const hookRow = row(page, "webhooks-table", "ops receiver");
    await hookRow.getByText("active").waitFor();

    // Test from the list opens the delivery log, where the attempt shows up with the receiver's answer.
    await hookRow.getByRole("button", { name: "Test" }).click();
    await page.getByRole("heading", { name: "ops receiver", level: 1 }).waitFor();
    assert.equal(await page.getByTestId("webhook-secret").count(), 0, "the secret is not shown again");
    const delivery = page.getByTestId("deliveries-table").locator("tbody tr[data-delivery-id]");
    await delivery.first().getByTestId("delivery-status").filter({ hasText: "succeeded" }).waitFor({ timeout: 20_000 });
    assert.equal((await delivery.first().getByTestId("delivery-code").textContent())?.trim(), "200");
    await hookRx!.waitFor((g) => g.length === 1, 5_000, "the test delivery");
    const got = hookRx!.got[0]!;
    const headers = {
      "webhook-id": String(got.headers["webhook-id"]),
      "webhook-timestamp": String(got.headers["webhook-timestamp"]),
      "webhook-signature": String(got.headers["webhook-signature"]),
    };
    // The secret copied from the page verifies the delivery with the stock library.
    assert.equal((new Verifier(secret).verify(got.body, headers) as { type: string }).type, "webhook.test");
    assert.equal(await delivery.first().getAttribute("data-event-id"), headers["webhook-id"]);

    await delivery.first().getByRole("button", { name: "Details" }).click();
    const details = page.getByTestId("delivery-details");
    assert.match((await details.getByTestId("request-body").textContent())!, /"type": "webhook.test"/);
    assert.match((await details.getByTestId("response-body").textContent())!, /\{"received":true\}/);
    assert.match((await details.textContent())!, /webhook-signature: v1,/);
    assert.match((await details.textContent())!, /x-receiver: ui-test/i);
    assert.match((await details.getByTestId("attempt").first().textContent())!, /HTTP 200 · \d+ ms/);

    // Redeliver sends the same event again (same webhook-id) as a new delivery in the log.
    await delivery.first().getByRole("button", { name: "Redeliver" }).click();
    await hookRx!.waitFor((g) => g.length === 2, 20_000, "the redelivery");
    assert.equal(hookRx!.got[1]!.headers["webhook-id"], headers["webhook-id"]);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="deliveries-table"] tbody tr[data-delivery-id]').length === 2, null, {
      timeout: 10_000,
    });
    await delivery.nth(0).getByTestId("delivery-status").filter({ hasText: "succeeded" }).waitFor({ timeout: 20_000 });

    // Rotate: a new secret, shown once, and the old one keeps signing for a while.
    await page.getByRole("button", { name: "Rotate secret" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Rotate secret" }).click();
    const rotated = (await page.getByTestId("webhook-secret").textContent())!.trim();
    assert.match(rotated, /^whsec_/);
    assert.notEqual(rotated, secret);
    await page.getByText("Previous secret valid until").waitFor();

    // Edit the name, then delete from the list with one confirmation.
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    await page.getByRole("dialog").getByLabel("Name").fill("ops receiver v2");
    await page.getByRole("dialog").getByRole("button", { name: "Save webhook" }).click();
    await page.getByRole("heading", { name: "ops receiver v2", level: 1 }).waitFor();
    await page.goto("/#/webhooks");
    await row(page, "webhooks-table", "ops receiver v2").getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await page.getByText("Nothing here yet.").waitFor();
    assert.equal((await apiCall<{ items: unknown[] }>(page, "GET", "/webhooks")).items.length, 0);
  });

  it("adds a Slack channel and sends a test message through it", async () => {
    const page = b!.page;
    await page.goto("/#/channels");
    await page.getByRole("button", { name: "New channel" }).click();
    const form = page.getByRole("dialog");
    await form.getByLabel("Name").fill("ops chat");
    await form.getByLabel("Kind").selectOption("slack");
    await form.getByLabel("Incoming-webhook URL").fill(chatRx!.url);
    await form.getByRole("button", { name: "Create channel" }).click();
    await row(page, "channels-table", "ops chat").getByRole("button", { name: "Send test" }).click();
    await page.getByText("Test message sent through ops chat").waitFor();
    await chatRx!.waitFor((g) => g.length === 1, 5_000, "the test message");
    assert.match(chatRx!.got[0]!.body, /Test notification/);
  });

  it("a rule made in the UI fires when a worker is killed: alerts page, node badge, nodes column, bell; acknowledge and silence", async () => {
    const page = b!.page;
    await page.goto("/#/alert-rules");
    // The default rules ship enabled.
    await row(page, "rules-table", "Node offline").getByTestId("rule-state").filter({ hasText: "enabled" }).waitFor();
    await page.getByRole("button", { name: "New rule" }).click();
    const form = page.getByRole("dialog");
    await form.getByLabel("Name").fill("worker down");
    await form.getByLabel("Fires when").selectOption("metric_threshold");
    await form.getByLabel("Above (%)").fill("95");
    await form.getByLabel("Fires when").selectOption("node_offline");
    await form.locator('select[name="severity"]').selectOption("critical");
    await form.getByLabel(/^For/).fill("1");
    await form.getByLabel("ops chat").check();
    await form.getByRole("button", { name: "Create rule" }).click();
    const ruleRow = row(page, "rules-table", "worker down");
    await ruleRow.getByTestId("rule-state").filter({ hasText: "enabled" }).waitFor();
    assert.match((await ruleRow.textContent())!, /Node offline.*critical.*1 s/);
    // Disable and enable again from the table.
    await ruleRow.getByRole("button", { name: "Disable" }).click();
    await ruleRow.getByTestId("rule-state").filter({ hasText: "disabled" }).waitFor();
    await ruleRow.getByRole("button", { name: "Enable" }).click();
    await ruleRow.getByTestId("rule-state").filter({ hasText: "enabled" }).waitFor();
    const rules = (
      await apiCall<{ items: { name: string; for_seconds: number; channel_ids: string[]; params: object }[] }>(page, "GET", "/alert-rules")
    ).items;
    const made = rules.find((r) => r.name === "worker down")!;
    assert.equal(made.for_seconds, 1);
    assert.equal(made.channel_ids.length, 1);
    assert.deepEqual(made.params, {});

    worker = await enrollWorker(page, ["--docker-socket", "/nonexistent/docker.sock"]);
    await page.goto("/#/nodes");
    await page.getByTestId("nodes-table").getByTestId("node-status").filter({ hasText: "online" }).waitFor();
    assert.equal((await page.getByTestId("open-alerts").first().textContent())?.trim(), "—");
    await worker.kill("SIGKILL");

    // The open-alerts column fills in live, then the alerts page shows the alert firing.
    await page.getByTestId("open-alerts").first().filter({ hasText: "firing" }).waitFor({ timeout: 30_000 });
    await page
      .getByTestId("bell-count")
      .filter({ hasText: /^[1-9]/ })
      .waitFor({ timeout: 10_000 });
    await page.goto(`/#/nodes/${worker.nodeId}`);
    await page.getByTestId("node-alerts").filter({ hasText: "firing" }).waitFor();
    await page.getByTestId("node-alerts").getByRole("link").first().click();
    await page.getByRole("heading", { name: "Alerts", level: 1 }).waitFor();
    const alertRow = row(page, "alerts-table", "worker down");
    await alertRow.getByTestId("alert-state").filter({ hasText: "firing" }).waitFor();
    assert.match((await alertRow.textContent())!, /critical/);
    await chatRx!.waitFor((g) => g.some((r) => /worker down/.test(r.body)), 10_000, "the Slack notification");

    await alertRow.getByRole("button", { name: "Acknowledge" }).click();
    await alertRow.getByTestId("alert-state").filter({ hasText: "acknowledged" }).waitFor();
    assert.match((await alertRow.textContent())!, /by admin/);
    const [a] = (await apiCall<{ items: { state: string; acknowledged_by: string }[] }>(page, "GET", "/alerts?state=acknowledged")).items;
    assert.equal(a?.acknowledged_by, "admin");

    await alertRow.getByRole("button", { name: "Silence" }).click();
    await page.getByRole("dialog").getByLabel("Comment").fill("worker being replaced");
    await page.getByRole("dialog").getByRole("button", { name: "Silence" }).click();
    await page.getByText("Notifications silenced").waitFor();
    await page.goto("/#/silences");
    const s = row(page, "silences-table", "worker being replaced");
    await s.waitFor();
    assert.match((await s.textContent())!, /worker down.*admin.*active/);

    // The bell lists the notification, links to the node and marks everything read.
    await page.getByTestId("bell").click();
    const panel = page.getByRole("region", { name: "Notifications" });
    await panel.getByRole("link", { name: /worker down/ }).waitFor();
    await panel.getByRole("button", { name: "Mark all read" }).click();
    await page.getByTestId("bell-count").waitFor({ state: "detached" });
    assert.equal((await apiCall<{ count: number }>(page, "GET", "/notifications/unread-count")).count, 0);
    assert.deepEqual(b!.errors, []);
  });

  it("opens a notification link given as a path (as emails carry it) on the right page", async () => {
    const page = b!.page;
    await page.goto(`/nodes/${worker!.nodeId}`);
    await page.waitForURL(/#\/nodes\//);
    await page.getByTestId("node-alerts").waitFor();
    await page.goto("/settings/channels");
    await page.getByRole("heading", { name: "Channels", level: 1 }).waitFor();
  });
});
