import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnNode, WORKER_MAIN, type Proc } from "../helpers/processes.js";
import { openBrowser, requireChromium, screenshot, type BrowserSession } from "./browser.js";
import { startFreshMaster, type FreshMaster } from "./master.js";

const ADMIN = { username: "admin", password: "correct horse battery staple" };

const shot = screenshot;

/** parseJoinToken extracts the join token from the install one-liner the UI shows. */
function parseJoinToken(cmd: string): string {
  const token = /FLOTILLA_JOIN_TOKEN='([^']+)'/.exec(cmd)?.[1];
  assert.ok(token, `join command lacks FLOTILLA_JOIN_TOKEN: ${cmd}`);
  return token;
}

describe("web UI: first run, enrollment and live node status", function () {
  this.timeout(120_000);
  let master: FreshMaster | undefined;
  let worker: Proc | undefined;
  let stateDir: string | undefined;
  let b: BrowserSession | undefined;

  before(async function () {
    requireChromium(this);
    master = await startFreshMaster(["--heartbeat-interval", "1s", "--heartbeat-grace", "2s"]);
    b = await openBrowser(master.http);
  });

  after(async () => {
    await b?.close();
    await worker?.kill("SIGKILL");
    await master?.cleanup();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  it("sets up the first admin, enrolls a worker from the shown command and follows its status live", async () => {
    const page = b!.page;
    // A second page opened before setup shows the setup form too (used below).
    const other = await b!.newPage();
    await other.goto("/");
    await other.getByRole("heading", { name: "Set up Flotilla" }).waitFor();
    await page.goto("/");
    await page.getByRole("heading", { name: "Set up Flotilla" }).waitFor();
    // The form asks for the server's 10-character minimum; a shorter password is refused once, by the browser.
    assert.equal(await page.getByLabel("Password").getAttribute("minlength"), "10");
    await page.getByLabel("Username").fill(ADMIN.username);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Create admin and sign in" }).click();
    await page.getByTestId("whoami").filter({ hasText: "admin" }).waitFor();
    await page.getByTestId("live-state").filter({ hasText: "live" }).waitFor({ timeout: 10_000 });
    await shot(page, "overview-empty");

    // A second setup is refused: the UI falls back to sign-in with a clear message.
    await other.getByLabel("Username").fill("intruder");
    await other.getByLabel("Password").fill("another long password");
    await other.getByRole("button", { name: "Create admin and sign in" }).click();
    await other.getByRole("alert").filter({ hasText: "already set up" }).waitFor();
    await other.getByRole("heading", { name: "Sign in to Flotilla" }).waitFor();
    // A fresh visit once an admin exists goes straight to sign-in, with no setup offer.
    await other.reload();
    await other.getByRole("heading", { name: "Sign in to Flotilla" }).waitFor();
    assert.equal(await other.getByRole("button", { name: /Set up/ }).count(), 0);
    await other.close();

    await page.getByRole("link", { name: "Enrollment" }).click();
    await page.getByRole("heading", { name: "Enrollment", level: 1 }).waitFor();
    await page.getByLabel("Labels for new nodes").fill("env=test,team=ui");
    await page.getByRole("button", { name: "Create join token" }).click();
    const command = (await page.getByTestId("join-command").textContent())!.trim();
    assert.match(command, /\/install\.sh' \| .*FLOTILLA_JOIN_TOKEN='flt1\./);
    await page.getByRole("table").filter({ hasText: "env=test" }).waitFor();
    await shot(page, "enrollment");

    const token = parseJoinToken(command);
    const addr = master!.grpc;
    stateDir = mkdtempSync(join(tmpdir(), "flotilla-ui-worker-"));
    worker = spawnNode(WORKER_MAIN, ["--master", addr, "--join-token", token, "--state-dir", stateDir], { FLOTILLA_LOG_LEVEL: "info" });

    // The node shows up online without a reload, carrying the token's labels.
    await page.getByRole("link", { name: "Nodes", exact: true }).click();
    const row = page.locator("tr[data-node-id]").first();
    await row.waitFor({ timeout: 30_000 });
    await row.getByTestId("node-status").filter({ hasText: "online" }).waitFor({ timeout: 30_000 });
    assert.match((await row.textContent()) ?? "", /env=test/);
    await shot(page, "nodes");

    // The node page shows the node's facts and its charts area.
    await row.getByRole("link").first().click();
    await page.getByRole("heading", { name: "Metrics" }).waitFor();
    await page.getByTestId("node-status").filter({ hasText: "online" }).waitFor();
    await page.goBack();
    await row.waitFor();

    // Killing the worker turns the node offline on screen, again without a reload.
    await worker.kill("SIGKILL");
    await row.getByTestId("node-status").filter({ hasText: "offline" }).waitFor({ timeout: 30_000 });

    // The overview counts follow.
    await page.getByRole("link", { name: "Overview" }).click();
    await page.getByTestId("stat-offline").filter({ hasText: "1" }).waitFor();
    await shot(page, "overview");

    // The pages with data (node charts, containers, scans, findings) are shot by operations.test.ts.
    for (const link of ["Scans", "Findings", "Containers", "Events"] as const) {
      await page.getByRole("link", { name: link, exact: true }).click();
      await page.getByRole("heading", { name: link, level: 1 }).waitFor();
      await page.waitForLoadState("networkidle");
    }
    await shot(page, "events");

    assert.deepEqual(b!.errors, [], "no console errors during the flow");
    // The only refused request is the deliberate second setup; reads of resources the
    // server does not serve (404) show "not available" instead of failing.
    const unexpected = b!.failures.filter((f) => f !== "409 POST /api/v1/auth/setup" && !/^404 GET \/api\/v1\//.test(f));
    assert.deepEqual(unexpected, [], "no failed requests besides the deliberate ones");
  });
});
