import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import Docker from "dockerode";
import type { Page } from "playwright-core";
import { openBrowser, requireChromium, screenshot, type BrowserSession } from "./browser.js";
import { apiCall, enrollWorker, setUpAdmin, type EnrolledWorker } from "./fleet-setup.js";
import { startFreshMaster, type FreshMaster } from "./master.js";

const SOCKET = process.env.FLOTILLA_DOCKER_SOCKET ?? "/var/run/docker.sock";
const IMAGE = process.env.FLOTILLA_TEST_IMAGE ?? "local/busybox:1";
const RUN = randomBytes(4).toString("hex");
const LABEL = "flotilla.test.ui";
const TICKER = `ui-ticker-${RUN}`;
const PRIV = `ui-priv-${RUN}`;
const docker = new Docker({ socketPath: SOCKET });

const shot = screenshot;

/** requireDocker skips without the engine or the test image, except in CI where it fails. */
async function requireDocker(ctx: Mocha.Context): Promise<boolean> {
  try {
    await docker.ping();
    await docker.getImage(IMAGE).inspect();
    return true;
  } catch (err) {
    if (process.env.CI === "true") throw new Error(`Docker engine or image ${IMAGE} unavailable (scripts/docker-image.sh builds it): ${String(err)}`);
    ctx.skip();
    return false;
  }
}

/** markPage sets a flag on window that a reload would clear. */
const markPage = (page: Page) => page.evaluate(() => ((window as any).__noReload = true));
const assertNotReloaded = async (page: Page) => assert.equal(await page.evaluate(() => (window as any).__noReload), true, "the page was reloaded");

describe("web UI: node metrics, container operations, scans and triage against the real engine", function () {
  this.timeout(180_000);
  let engine = false;
  let master: FreshMaster | undefined;
  let worker: EnrolledWorker | undefined;
  let b: BrowserSession | undefined;

  before(async function () {
    requireChromium(this);
    engine = await requireDocker(this);
    const make = (name: string, cmd: string[], host: Docker.HostConfig = {}) =>
      docker.createContainer({ Image: IMAGE, Cmd: cmd, name, Labels: { [LABEL]: RUN }, HostConfig: { NetworkMode: "none", ...host } });
    await (await make(TICKER, ["sh", "-c", "while true; do echo tick $(date +%s); sleep 0.5; done"])).start();
    // Created only: the scanner judges configuration, and privileged containers may not start in a nested engine.
    await make(PRIV, ["sleep", "3600"], { Privileged: true });
    master = await startFreshMaster(["--heartbeat-interval", "1s", "--heartbeat-grace", "2s"]);
    b = await openBrowser(master.http);
    await setUpAdmin(b.page);
    worker = await enrollWorker(b.page, ["--docker-socket", SOCKET, "--metrics-interval", "1s"]);
  });

  after(async () => {
    await b?.close();
    await worker?.cleanup();
    await master?.cleanup();
    if (!engine) return;
    const mine = await docker.listContainers({ all: true, filters: { label: [`${LABEL}=${RUN}`] } });
    for (const c of mine) await docker.getContainer(c.Id).remove({ force: true });
  });

  it("charts real samples, follows a container's log live and stops it after confirmation", async () => {
    const page = b!.page;
    const nodeId = worker!.nodeId;
    await page.goto(`/#/nodes/${encodeURIComponent(nodeId)}`);
    await page.getByRole("heading", { name: "Metrics" }).waitFor();
    await markPage(page);

    // The CPU chart is drawn by uPlot and fills with samples as the worker sends them (every second).
    const cpu = page.getByTestId("chart").filter({ hasText: "CPU" });
    await cpu.locator("canvas").waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('[data-testid="chart"]')?.dataset.points ?? 0) >= 2, null, {
      timeout: 30_000,
    });
    const api = await apiCall<{ series: { name: string; points: [number, number][] }[] }>(
      page,
      "GET",
      `/nodes/${encodeURIComponent(nodeId)}/metrics?names=cpu.usage_ratio`,
    );
    assert.ok((api.series[0]?.points.length ?? 0) >= 2, "the API holds at least two CPU samples");
    const box = await cpu.locator("canvas").first().boundingBox();
    assert.ok(box && box.width > 100 && box.height > 50, `canvas is drawn: ${JSON.stringify(box)}`);

    const row = page.locator(`tr[data-container-name="${TICKER}"]`);
    await row.waitFor({ timeout: 30_000 });
    await row.getByTestId("container-state").filter({ hasText: "running" }).waitFor();
    await shot(page, "node");

    // Live logs: a line printed after the page opened shows up without a reload.
    const opened = Math.floor(Date.now() / 1000);
    await row.getByRole("link", { name: "Logs" }).click();
    await page.getByTestId("log-state").filter({ hasText: "following" }).waitFor({ timeout: 15_000 });
    const out = page.getByLabel("Container output");
    await page.waitForFunction(
      (after) =>
        [...(document.querySelector('[aria-label="Container output"]')?.textContent ?? "").matchAll(/tick (\d+)/g)].some((m) => Number(m[1]) > after),
      opened + 1,
      { timeout: 20_000 },
    );
    assert.match((await out.textContent()) ?? "", /tick \d+/);
    // The viewer names the container (heading and title), counts lines, marks matches and downloads what it shows.
    await page.getByRole("heading", { name: `Logs of ${TICKER}` }).waitFor();
    await page.waitForFunction((name) => document.title.startsWith(`${name} · `), TICKER);
    const lines = Number(/^(\d+) line/.exec((await page.getByTestId("line-count").textContent()) ?? "")?.[1]);
    assert.ok(lines >= 2, `line count reads ${lines}`);
    const stamp = /tick (\d+)/.exec((await out.textContent()) ?? "")![1]!;
    await page.getByLabel("Find in output").fill(stamp);
    await out.locator("mark").first().waitFor();
    assert.equal(await out.locator("mark").first().textContent(), stamp);
    assert.match((await page.getByTestId("line-count").textContent())!, /· [12] matching/);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download" }).click()]);
    assert.equal(download.suggestedFilename(), `${TICKER}.log`);
    const text = await new Promise<string>((ok, fail) =>
      download.createReadStream().then((st) => {
        let t = "";
        st.on("data", (c: Buffer) => (t += c.toString()));
        st.on("end", () => ok(t));
        st.on("error", fail);
      }, fail),
    );
    assert.match(text, new RegExp(`tick ${stamp}\n`));
    await page.getByLabel("Find in output").fill("");
    await shot(page, "container-logs");
    await assertNotReloaded(page);

    // Stop from the node page: the confirmation dialog, then the state changes on screen.
    await page.goBack();
    await row.waitFor();
    await row.getByRole("button", { name: "Stop" }).click();
    const dialog = page.getByRole("dialog", { name: "Stop container?" });
    await dialog.waitFor();
    assert.match((await dialog.textContent()) ?? "", new RegExp(TICKER));
    await dialog.getByRole("button", { name: "Stop", exact: true }).click();
    await row.getByTestId("container-state").filter({ hasText: "exited" }).waitFor({ timeout: 30_000 });
    await dialog.waitFor({ state: "detached" });
    assert.equal((await docker.getContainer(TICKER).inspect()).State.Running, false, "the engine stopped the container");
    await assertNotReloaded(page);

    await page.getByRole("link", { name: "Containers", exact: true }).click();
    await page.locator(`tr[data-container-name="${PRIV}"]`).waitFor();
    await shot(page, "containers");
  });

  it("starts a scan, follows it to completion, and keeps a triage across reloads", async () => {
    const page = b!.page;
    await page.getByRole("link", { name: "Scans", exact: true }).click();
    await page.getByRole("heading", { name: "Scans", level: 1 }).waitFor();
    await markPage(page);
    // Record every status the scan page shows, to see it move without a reload.
    await page.evaluate(() => {
      const seen: string[] = ((window as any).__scanStatuses = []);
      new MutationObserver(() => {
        const t = document.querySelector('[data-testid="scan-status"]')?.textContent;
        if (t && seen[seen.length - 1] !== t) seen.push(t);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });

    const form = page.getByRole("form", { name: "Start a scan" });
    await form.getByLabel("All nodes").check();
    await form.getByLabel("docker-security").check();
    // The worker is held (SIGSTOP) while the scan starts, so the page shows it unfinished first,
    // then follows it to the end from live events once the worker goes on.
    const held = worker!.child;
    held.kill("SIGSTOP");
    try {
      await form.getByRole("button", { name: "Start scan" }).click();
      await page
        .getByTestId("scan-status")
        .filter({ hasText: /queued|running/ })
        .waitFor({ timeout: 10_000 });
      assert.notEqual(await page.getByTestId("scan-progress").getAttribute("data-value"), "1");
    } finally {
      held.kill("SIGCONT");
    }
    await page.getByTestId("scan-status").filter({ hasText: "completed" }).waitFor({ timeout: 90_000 });
    const statuses: string[] = await page.evaluate(() => (window as any).__scanStatuses);
    assert.ok(
      statuses.some((s) => s !== "completed"),
      `the status moved on screen: ${statuses.join(" → ")}`,
    );
    assert.equal(statuses[statuses.length - 1], "completed");
    assert.equal(await page.getByTestId("scan-progress").getAttribute("data-value"), "1");
    await page.getByRole("row").filter({ hasText: worker!.nodeId }).filter({ hasText: "succeeded" }).first().waitFor();
    await assertNotReloaded(page);

    // The privileged container is reported.
    const rowOf = (p: Page) => p.locator('tr[data-rule="docker-security/privileged"]').filter({ hasText: `container:${PRIV}` });
    await rowOf(page).waitFor({ timeout: 15_000 });
    assert.notEqual(await page.getByTestId("scan-findings-total").textContent(), "0");
    await shot(page, "scan");
    await page.getByRole("link", { name: "Scans", exact: true }).click();
    await page.getByTestId("scans-table").waitFor();
    await shot(page, "scans");

    // Triage it on the findings page.
    await page.goto("/#/findings?severity=critical&scanner=docker-security");
    const row = rowOf(page);
    await row.waitFor();
    const fingerprint = (await row.getAttribute("data-fingerprint"))!;
    await row.getByRole("button", { name: "Triage" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Status").selectOption("acknowledged");
    await dialog.getByLabel("Note").fill(`known test container ${RUN}`);
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.waitFor({ state: "detached" });
    await row.getByTestId("finding-status").filter({ hasText: "acknowledged" }).waitFor();

    await page.reload();
    const again = page.locator(`tr[data-fingerprint="${fingerprint}"]`);
    await again.getByTestId("finding-status").filter({ hasText: "acknowledged" }).waitFor();
    assert.match((await again.getByTestId("triage-note").textContent()) ?? "", new RegExp(`known test container ${RUN} — admin`));
    const stored = await apiCall<{ status: string; triage_note: string }>(page, "GET", `/findings/${fingerprint}`);
    assert.deepEqual([stored.status, stored.triage_note], ["acknowledged", `known test container ${RUN}`]);
    await page.goto("/#/findings");
    await page.getByTestId("findings-table").waitFor();
    await shot(page, "findings");
  });

  it("saw no console errors and no failed requests but a node's missing census", () => {
    assert.deepEqual(b!.errors, [], "no console errors");
    const unexpected = b!.failures.filter((f) => !/^404 GET \/api\/v1\/nodes\/[^/]+\/census$/.test(f));
    assert.deepEqual(unexpected, [], "no failed requests");
  });

  it("renames a node: the name is in its heading, title and the nodes table; the id on hover and copy", async () => {
    const page = b!.page;
    const nodeId = worker!.nodeId;
    await page.goto(`/#/nodes/${encodeURIComponent(nodeId)}`);
    await page.getByRole("button", { name: "Rename" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Display name").fill("edge-7");
    await dialog.getByRole("button", { name: "Save name" }).click();
    await page.getByRole("heading", { name: "edge-7", level: 1 }).waitFor();
    await page.waitForFunction(() => document.title === "edge-7 · Nodes · Flotilla");
    assert.equal(await page.getByTestId("node-id").textContent(), nodeId);
    await page.getByRole("button", { name: "Copy id" }).waitFor();
    // The node's activity comes from the audit log: the rename, by whom.
    await page.reload();
    const activity = page.getByTestId("audit-table");
    await activity.locator("tbody tr").filter({ hasText: "updated node" }).filter({ hasText: "admin" }).waitFor();
    await page.goto("/#/audit?action=nodes.*");
    await page.getByRole("heading", { name: "Audit log", level: 1 }).waitFor();
    const rows = page.getByTestId("audit-table").locator("tbody tr");
    await rows.filter({ hasText: "updated node" }).filter({ hasText: nodeId }).waitFor();
    assert.equal(await rows.filter({ hasNotText: /node/ }).count(), 0, "the action filter keeps node actions only");
    await page.goto("/#/nodes");
    const link = page.getByTestId("nodes-table").getByRole("link", { name: "edge-7" });
    await link.waitFor();
    assert.equal(await link.getAttribute("title"), nodeId);
    assert.equal((await apiCall<{ name: string }>(page, "GET", `/nodes/${nodeId}`)).name, "edge-7");
  });
});
