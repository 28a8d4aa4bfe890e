import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import Docker from "dockerode";
import type { Page } from "playwright-core";
import { openBrowser, requireChromium, type BrowserSession } from "./browser.js";
import { apiCall, enrollWorker, setUpAdmin, type EnrolledWorker } from "./fleet-setup.js";
import { startFreshMaster, type FreshMaster } from "./master.js";

const SOCKET = process.env.FLOTILLA_DOCKER_SOCKET ?? "/var/run/docker.sock";
const IMAGE = process.env.FLOTILLA_TEST_IMAGE ?? "local/busybox:1";
const docker = new Docker({ socketPath: SOCKET });

/** requireDocker skips without the engine or the test image, except in CI where it fails. */
async function requireDocker(ctx: Mocha.Context): Promise<void> {
  try {
    await docker.ping();
    await docker.getImage(IMAGE).inspect();
  } catch (err) {
    if (process.env.CI === "true") throw new Error(`Docker engine or image ${IMAGE} unavailable (scripts/docker-image.sh builds it): ${String(err)}`);
    ctx.skip();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** secondsAgo reads "N s ago" (or minutes) shown in a node row. */
async function secondsAgo(page: Page): Promise<number> {
  const t = (await page.getByTestId("last-seen").first().textContent())!.trim();
  const m = /^(\d+) (s|min) ago$/.exec(t);
  assert.ok(m, `last seen reads "${t}"`);
  return Number(m[1]) * (m[2] === "min" ? 60 : 1);
}

describe("web UI tells the truth: setup, liveness, stale data, reports, events and filters", function () {
  this.timeout(300_000);
  let master: FreshMaster | undefined;
  let worker: EnrolledWorker | undefined;
  let b: BrowserSession | undefined;

  before(async function () {
    requireChromium(this);
    await requireDocker(this);
    master = await startFreshMaster(["--heartbeat-interval", "1s", "--heartbeat-grace", "2s"]);
    b = await openBrowser(master.http);
  });

  after(async () => {
    await b?.close();
    await worker?.cleanup();
    await master?.cleanup();
  });

  it("opens on the setup form when no admin exists and prints a password error once", async () => {
    const page = b!.page;
    await page.goto("/");
    await page.getByRole("heading", { name: "Set up Flotilla" }).waitFor();
    assert.equal(await page.getByRole("heading", { name: "Sign in to Flotilla" }).count(), 0);
    assert.equal(await page.getByLabel("Password").getAttribute("minlength"), "10");
    // Past the browser's check, the server's answer is shown once, not message and detail twice.
    await page.getByLabel("Password").evaluate((el) => el.removeAttribute("minlength"));
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill("ninechars");
    await page.getByRole("button", { name: "Create admin and sign in" }).click();
    const alert = (await page.getByRole("alert").textContent()) ?? "";
    assert.equal(alert.split("10 characters").length - 1, 1, `error text: ${alert}`);

    await setUpAdmin(page);
    // No engine for this worker: the shared engine's container events would crowd out the metrics pile-up below.
    worker = await enrollWorker(page, ["--docker-socket", "/nonexistent/docker.sock", "--metrics-interval", "200ms"]);
  });

  it("lists non-metrics events on the overview while metrics flow", async () => {
    const page = b!.page;
    // Metrics events would fill the newest 25 of the log: the overview asks for every other type instead.
    await apiCall(page, "GET", "/events?type=node.metrics&limit=1");
    const asked: string[] = [];
    page.on("request", (r) => r.url().includes("/api/v1/events") && asked.push(r.url()));
    await page.goto("/#/");
    await page.reload();
    // Metrics are never listed there; every other kind of event is (the shared engine may add container.state).
    const rows = page
      .locator("section")
      .filter({ has: page.getByRole("heading", { name: "Recent events" }) })
      .locator("tbody tr");
    await rows
      .first()
      .waitFor({ timeout: 10_000 })
      .catch(async (err) => {
        throw new Error(`${String(err)}\nasked: ${asked.join(" ")}\npage: ${await page.locator("main").textContent()}`);
      });
    const types = await rows.locator("code").allTextContents();
    assert.ok(
      types.includes("node.online") && types.includes("node.enrolled") && !types.includes("node.metrics"),
      `recent events: ${types.join(" ")}`,
    );
    const stored = asked.map((u) => new URL(u)).find((u) => u.pathname === "/api/v1/events");
    assert.ok(stored, `the overview did not read the event log: ${asked.join(" ")}`);
    const wanted = (stored.searchParams.get("type") ?? "").split(",");
    assert.ok(wanted.includes("node.online") && !wanted.includes("node.metrics"), `asked for types ${wanted.join(",")}`);
  });

  it("clears the rows when a label filter is invalid", async () => {
    const page = b!.page;
    await page.goto("/#/nodes");
    await page.locator(`tr[data-node-id="${worker!.nodeId}"]`).waitFor();
    await page.getByLabel("Labels").fill("not-a-pair");
    await page.getByLabel("Labels").press("Enter");
    await page.getByRole("alert").or(page.locator(".error")).first().waitFor();
    assert.equal(await page.locator(`tr[data-node-id="${worker!.nodeId}"]`).count(), 0, "the previous filter's rows are still shown");
    await page.getByLabel("Labels").fill("");
    await page.getByLabel("Labels").press("Enter");
    await page.locator(`tr[data-node-id="${worker!.nodeId}"]`).waitFor();
  });

  it("downloads the JSON report under its scan name", async () => {
    const page = b!.page;
    const { scan_id } = await apiCall<{ scan_id: string }>(page, "POST", "/scans", { targets: { all: true }, scanners: ["docker-waste"] });
    await page.goto(`/#/scans/${scan_id}`);
    await page
      .getByTestId("scan-status")
      .filter({ hasText: /completed|failed|partial/ })
      .waitFor({ timeout: 90_000 });
    // This worker has no engine: docker-waste errors, which is a partial failure with its reason, here and in the HTML report.
    const nodeRow = page.getByRole("row").filter({ hasText: worker!.nodeId });
    await nodeRow.filter({ hasText: "partial" }).waitFor();
    assert.match((await nodeRow.textContent()) ?? "", /docker-waste: /);
    assert.doesNotMatch((await nodeRow.textContent()) ?? "", /succeeded/);
    const html = await (await page.request.get(`/api/v1/scans/${scan_id}/report?format=html`)).text();
    assert.match(html, /<td>partial<\/td><td>\d+<\/td><td>docker-waste: [^<]+<\/td>/);
    const link = page.getByRole("link", { name: "JSON" });
    assert.equal(await link.getAttribute("download"), `scan-${scan_id}.json`);
    const r = await page.request.get(`/api/v1/scans/${scan_id}/report?format=json`);
    assert.equal(r.headers()["content-disposition"], `attachment; filename="scan-${scan_id}.json"`);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    assert.equal(download.suggestedFilename(), `scan-${scan_id}.json`);
    const body = JSON.parse(readFileSync((await download.path())!, "utf8"));
    assert.equal(body.scan.id, scan_id);
  });

  it("shows a stale-data banner and greys statuses while the master is down, and is back within seconds", async () => {
    const page = b!.page;
    await page.goto("/#/nodes");
    const badge = page.locator(`tr[data-node-id="${worker!.nodeId}"]`).getByTestId("node-status");
    await badge.filter({ hasText: "online" }).waitFor();
    const live = await badge.evaluate((el) => getComputedStyle(el).backgroundColor);
    await master!.stop();
    await page.getByTestId("stale-banner").waitFor({ timeout: 10_000 });
    const greyed = await badge.evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(greyed, live, "the online status keeps its colour while the data is stale");
    // Let the reconnect backoff grow for a while before the master returns.
    await sleep(12_000);
    await master!.restart();
    const back = Date.now();
    await page.getByTestId("live-state").filter({ hasText: "live" }).waitFor({ timeout: 10_000 });
    const took = Date.now() - back;
    assert.ok(took < 5_000, `reconnected ${took} ms after the master came back`);
    assert.equal(await page.getByTestId("stale-banner").count(), 0);
    // The list is reloaded on reconnect: it follows the restarted master, which knows the worker only once it heartbeats again.
    const deadline = Date.now() + 30_000;
    while ((await apiCall<{ status: string }>(page, "GET", `/nodes/${worker!.nodeId}`)).status !== "online") {
      assert.ok(Date.now() < deadline, "the worker did not reconnect");
      await sleep(250);
    }
    await badge.filter({ hasText: "online" }).waitFor({ timeout: 10_000 });
  });

  it("ticks last seen from the last heartbeat, also after the worker is killed", async () => {
    const page = b!.page;
    await page.goto("/#/nodes");
    const row = page.locator(`tr[data-node-id="${worker!.nodeId}"]`);
    await row.getByTestId("node-status").filter({ hasText: "online" }).waitFor({ timeout: 20_000 });
    // The API's last_seen_at stays within a few heartbeats of now, although it is stored in batches.
    for (let i = 0; i < 8; i++) {
      const n = await apiCall<{ last_seen_at: string }>(page, "GET", `/nodes/${worker!.nodeId}`);
      const age = Date.now() - Date.parse(n.last_seen_at);
      assert.ok(age < 4_000, `an online node was last seen ${age} ms ago`);
      await sleep(1000);
    }
    await worker!.kill("SIGKILL");
    await row.getByTestId("node-status").filter({ hasText: "offline" }).waitFor({ timeout: 15_000 });
    const first = await secondsAgo(page);
    // Offline after the heartbeat TTL (1 s interval + 2 s grace): the last heartbeat is seconds old, not "0 s".
    assert.ok(first >= 2, `a killed node shows last seen ${first} s ago`);
    await sleep(2500);
    const later = await secondsAgo(page);
    assert.ok(later >= first + 2, `last seen did not tick: ${first} s then ${later} s`);
  });
});
