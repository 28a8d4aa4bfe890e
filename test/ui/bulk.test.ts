import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import Docker from "dockerode";
import type { Page } from "playwright-core";
import { openBrowser, requireChromium, type BrowserSession } from "./browser.js";
import { apiCall, enrollWorker, setUpAdmin, type EnrolledWorker } from "./fleet-setup.js";
import { startFreshMaster, type FreshMaster } from "./master.js";

const SOCKET = process.env.FLOTILLA_DOCKER_SOCKET ?? "/var/run/docker.sock";
const IMAGE = process.env.FLOTILLA_TEST_IMAGE ?? "local/busybox:1";
const RUN = randomBytes(4).toString("hex");
const NAMES = ["a", "b", "c"].map((x) => `ui-bulk-${RUN}-${x}`);
const PRIV = `ui-bulk-${RUN}-priv`;
const TICK = `ui-logs-${RUN}`;
const docker = new Docker({ socketPath: SOCKET });

/** names reads the container names of the table's rows, top to bottom. */
const rowNames = (page: Page) =>
  page.locator('[data-testid="containers-table"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute("data-container-name")));

/** results reads the per-row outcomes a bulk dialog shows. */
const results = (page: Page) => page.getByTestId("bulk-result").evaluateAll((li) => li.map((l) => l.getAttribute("data-result")));

describe("web UI: bulk actions with one confirmation, findings by severity and rule, lists in the URL, events in words", function () {
  this.timeout(240_000);
  let master: FreshMaster | undefined;
  let worker: EnrolledWorker | undefined;
  let b: BrowserSession | undefined;

  before(async function () {
    requireChromium(this);
    try {
      await docker.ping();
      await docker.getImage(IMAGE).inspect();
    } catch (err) {
      if (process.env.CI === "true") throw new Error(`Docker engine or image ${IMAGE} unavailable: ${String(err)}`);
      this.skip();
    }
    for (const name of NAMES)
      await (await docker.createContainer({ Image: IMAGE, Cmd: ["sleep", "3600"], name, HostConfig: { NetworkMode: "none" } })).start();
    await (
      await docker.createContainer({
        Image: IMAGE,
        Cmd: ["sh", "-c", "while true; do echo tick $(date +%s); sleep 0.5; done"],
        name: TICK,
        HostConfig: { NetworkMode: "none" },
      })
    ).start();
    // Created only: the security scanner judges its configuration.
    await docker.createContainer({ Image: IMAGE, Cmd: ["sleep", "3600"], name: PRIV, HostConfig: { NetworkMode: "none", Privileged: true } });
    master = await startFreshMaster(["--heartbeat-interval", "1s", "--heartbeat-grace", "2s"]);
    b = await openBrowser(master.http);
    await setUpAdmin(b.page);
    worker = await enrollWorker(b.page, ["--docker-socket", SOCKET, "--metrics-interval", "1s"]);
  });

  after(async () => {
    await b?.close();
    await worker?.cleanup();
    await master?.cleanup();
    for (const n of [...NAMES, PRIV, TICK])
      await docker
        .getContainer(n)
        .remove({ force: true })
        .catch(() => undefined);
  });

  it("containers: server-side search as one types, sort kept in the URL, bulk stop with one confirmation and a result per row", async () => {
    const page = b!.page;
    await page.goto("/#/containers");
    await page.getByTestId("total").waitFor({ timeout: 30_000 });
    const asked = () =>
      page.evaluate(() =>
        performance
          .getEntriesByType("resource")
          .map((e) => new URL(e.name))
          .filter((u) => u.pathname === "/api/v1/containers")
          .map((u) => u.searchParams.get("q") ?? ""),
      );
    const before = (await asked()).length;
    await page.getByLabel("Search").pressSequentially(`ui-bulk-${RUN}`, { delay: 20 });
    await page.waitForFunction((q) => location.hash.includes(`q=${q}`), `ui-bulk-${RUN}`);
    await page.waitForFunction((q) => performance.getEntriesByType("resource").some((e) => e.name.includes(`q=${q}`)), `ui-bulk-${RUN}`);
    await page.getByTestId("total").filter({ hasText: "4 containers" }).waitFor({ timeout: 30_000 });
    const typed = (await asked()).slice(before);
    // The server searched, once typing paused: not once per keystroke.
    assert.ok(typed.includes(`ui-bulk-${RUN}`), `the server was asked for the typed text: ${typed.join(", ")}`);
    // Under load a key may come late enough to end a pause; still far fewer requests than keys.
    assert.ok(typed.length <= `ui-bulk-${RUN}`.length / 2, `${typed.length} requests for ${`ui-bulk-${RUN}`.length} keystrokes`);

    // Sort by name, descending, and come back to it after a reload.
    await page.getByRole("button", { name: /^Name/ }).click();
    await page.getByRole("button", { name: /^Name/ }).click();
    await page.waitForFunction(() => location.hash.includes("sort=name") && location.hash.includes("order=desc"));
    await page.reload();
    await page.getByTestId("total").filter({ hasText: "4 containers" }).waitFor();
    assert.deepEqual(await rowNames(page), [PRIV, ...[...NAMES].reverse()]);
    assert.equal(await page.getByLabel("Search").inputValue(), `ui-bulk-${RUN}`);

    // Tick the three running ones, stop them with one confirmation that names the count.
    for (const n of NAMES) await page.getByRole("checkbox", { name: `Select ${n}` }).check();
    await page.getByTestId("selected-count").filter({ hasText: "3 containers selected" }).waitFor();
    await page.getByTestId("bulk-bar").getByRole("button", { name: "Stop…" }).click();
    const dialog = page.getByRole("dialog", { name: "Stop 3 containers?" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Stop 3 containers" }).click();
    await dialog.getByTestId("bulk-summary").filter({ hasText: "3 done" }).waitFor({ timeout: 60_000 });
    assert.deepEqual(await results(page), ["done", "done", "done"]);
    for (const n of NAMES) assert.equal((await docker.getContainer(n).inspect()).State.Running, false, `${n} stopped in the engine`);
    await dialog.getByRole("button", { name: "Close" }).click();

    // Stopping them again is skipped row by row, with the reason, and sends nothing.
    for (const n of NAMES)
      await page.locator(`tr[data-container-name="${n}"]`).getByTestId("container-state").filter({ hasText: "exited" }).waitFor({ timeout: 30_000 });
    await page.getByRole("checkbox", { name: "Select all rows" }).check();
    await page.getByTestId("bulk-bar").getByRole("button", { name: "Stop…" }).click();
    const again = page.getByRole("dialog", { name: "Stop 4 containers?" });
    await again.getByRole("button", { name: "Stop 4 containers" }).click();
    await again.getByTestId("bulk-summary").filter({ hasText: "4 skipped" }).waitFor();
    assert.match((await again.getByTestId("bulk-results").textContent()) ?? "", /skipped: Not running \(exited\)/);
    await again.getByRole("button", { name: "Close" }).click();
  });

  it("nodes: bulk labels and one scan for the ticked nodes; findings most severe first, grouped by rule, triaged in bulk", async () => {
    const page = b!.page;
    const nodeId = worker!.nodeId;
    await page.goto("/#/nodes");
    await page.getByRole("checkbox", { name: "Select all rows" }).check();
    await page.getByTestId("bulk-bar").getByRole("button", { name: "Add labels…" }).click();
    const label = page.getByRole("dialog", { name: "Label 1 node?" });
    await label.getByLabel(/Labels to add/).fill(`bulk=${RUN}`);
    await label.getByRole("button", { name: "Label 1 node" }).click();
    await label.getByTestId("bulk-summary").filter({ hasText: "1 done" }).waitFor();
    await label.getByRole("button", { name: "Close" }).click();
    assert.equal((await apiCall<{ labels: Record<string, string> }>(page, "GET", `/nodes/${nodeId}`)).labels.bulk, RUN);

    await page.getByRole("checkbox", { name: "Select all rows" }).check();
    await page.getByTestId("bulk-bar").getByRole("button", { name: "Scan…" }).click();
    const scan = page.getByRole("dialog", { name: "Scan 1 node?" });
    await scan.getByRole("button", { name: "Scan 1 node" }).click();
    await scan.getByTestId("bulk-summary").filter({ hasText: "1 done" }).waitFor();
    const scanId = /queued in scan (\S+)/.exec((await scan.getByTestId("bulk-results").textContent()) ?? "")?.[1];
    assert.ok(scanId, "the result names the scan");
    await scan.getByRole("button", { name: "Close" }).click();
    const deadline = Date.now() + 120_000;
    for (;;) {
      const s = await apiCall<{ status: string }>(page, "GET", `/scans/${scanId}`);
      if (s.status !== "queued" && s.status !== "running") break;
      if (Date.now() > deadline) throw new Error(`scan still ${s.status}`);
      await new Promise((r) => setTimeout(r, 500));
    }

    // Most severe first, without asking.
    await page.goto("/#/findings");
    const sev = page.locator('[data-testid="findings-table"] tbody tr td:nth-child(2)');
    await sev.first().waitFor({ timeout: 30_000 });
    const all = await apiCall<{ items: { severity: string }[] }>(page, "GET", "/findings?limit=500");
    const rank = ["critical", "high", "medium", "low", "info"];
    const best = rank.find((r) => all.items.some((f) => f.severity === r))!;
    assert.equal((await sev.first().textContent())?.trim(), best);

    // Grouped by rule: the privileged container's rule with its counts, and a link to its findings.
    await page.getByRole("button", { name: "By rule" }).click();
    const group = page.locator('[data-testid="rule-groups"] tr[data-rule="docker-security/privileged"]');
    await group.waitFor();
    assert.equal(await group.getByTestId("rule-nodes").textContent(), "1");
    const count = Number(await group.getByTestId("rule-findings").textContent());
    assert.ok(count >= 1);
    await group.getByRole("link").click();
    await page.waitForFunction(() => location.hash.includes("rule_id=docker-security"));
    await page
      .getByTestId("total")
      .filter({ hasText: new RegExp(`^${count} findings?$`) })
      .waitFor();
    const rows = page.locator('[data-testid="findings-table"] tbody tr');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="findings-table"] tbody tr').length === n, count);
    assert.ok((await rows.evaluateAll((trs) => trs.map((t) => t.getAttribute("data-rule")))).every((r) => r === "docker-security/privileged"));

    // Bulk triage of that rule's findings.
    await page.getByRole("checkbox", { name: "Select all rows" }).check();
    await page.getByTestId("bulk-bar").getByRole("button", { name: "Triage…" }).click();
    const triage = page.getByRole("dialog", { name: `Triage ${count} finding${count === 1 ? "" : "s"}?` });
    await triage.getByLabel("Status").selectOption("accepted_risk");
    await triage.getByLabel(/Note/).fill(`bulk ${RUN}`);
    await triage.getByRole("button", { name: /^Triage \d+ finding/ }).click();
    await triage
      .getByTestId("bulk-summary")
      .filter({ hasText: `${count} done` })
      .waitFor();
    assert.ok((await results(page)).every((r) => r === "done"));
    await triage.getByRole("button", { name: "Close" }).click();
    const stored = await apiCall<{ items: { status: string; triage_note: string }[] }>(
      page,
      "GET",
      "/findings?rule_id=docker-security/privileged&status=all",
    );
    assert.ok(stored.items.length === count && stored.items.every((f) => f.status === "accepted_risk" && f.triage_note === `bulk ${RUN}`));
  });

  it("node page: a 15 min / 1 h range picker, one crosshair across the charts, census packages in a searchable table", async () => {
    const page = b!.page;
    await page.goto(`/#/nodes/${encodeURIComponent(worker!.nodeId)}`);
    await page.waitForFunction(
      () => {
        const charts = [...document.querySelectorAll<HTMLElement>('[data-testid="chart"]')];
        return charts.length >= 2 && charts.every((c) => Number(c.dataset.points ?? 0) >= 2);
      },
      null,
      { timeout: 30_000 },
    );
    // Pointing at the CPU chart puts the crosshair on the same moment in every chart.
    const over = page.getByTestId("chart").first().locator(".u-over");
    const box = (await over.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.9, box.y + box.height / 2);
    await page.waitForFunction(() => {
      const cursors = [...document.querySelectorAll<HTMLElement>('[data-testid="chart"] [role="img"]')].map((c) => c.dataset.cursor ?? "");
      return cursors.length >= 2 && cursors[0] !== "" && cursors.every((c) => c === cursors[0]);
    });
    // The range picker asks for an hour in 15 s steps and widens the charts' window.
    const asked = () =>
      page.evaluate(() =>
        performance
          .getEntriesByType("resource")
          .map((e) => e.name)
          .filter((n) => n.includes("/metrics?")),
      );
    const before = (await asked()).length;
    await page.getByRole("button", { name: "Last 1 h" }).click();
    await page.locator('[data-window-s="3600"]').waitFor();
    assert.equal(await page.getByRole("button", { name: "Last 1 h" }).getAttribute("aria-pressed"), "true");
    await page.waitForFunction((n) => performance.getEntriesByType("resource").filter((e) => e.name.includes("/metrics?")).length > n, before);
    assert.ok((await asked()).slice(before).some((u) => u.includes("step=15")));
    await page.reload();
    await page.locator('[data-window-s="3600"]').waitFor({ timeout: 30_000 });

    // The census the scan took: packages in a table, narrowed by what is typed.
    const census = await apiCall<{ census: { packages?: { name: string }[] } }>(page, "GET", `/nodes/${encodeURIComponent(worker!.nodeId)}/census`);
    const pkgs = census.census.packages ?? [];
    assert.ok(pkgs.length > 0, "the host census lists packages");
    await page
      .getByTestId("package-count")
      .filter({ hasText: `${pkgs.length} packages` })
      .waitFor();
    const name = pkgs[Math.floor(pkgs.length / 2)]!.name;
    await page.getByLabel("Find a package").fill(name);
    const rows = page.locator('[data-testid="package-table"] tbody tr td:first-child');
    await page
      .getByTestId("package-count")
      .filter({ hasText: ` of ${pkgs.length} packages` })
      .waitFor();
    const names = await rows.allTextContents();
    assert.ok(names.includes(name) && names.every((n) => n.includes(name)), names.slice(0, 5).join(", "));
  });

  it("events read as sentences with the raw event on demand; the audit log's page survives reload and Back", async () => {
    const page = b!.page;
    await page.goto("/#/events?type=node.updated");
    const row = page.locator('[data-testid="events-table"] tr[data-event-type="node.updated"]').first();
    await row.waitFor();
    assert.equal(await row.getByTestId("event-text").textContent(), "Its labels changed by admin.");
    assert.equal(await row.locator("pre").isVisible(), false);
    await row.getByText("Raw").click();
    assert.match((await row.locator("pre").textContent()) ?? "", /"type": "node.updated"/);
    // Server-side search over the event data.
    await page.goto("/#/events");
    await page.getByLabel("Search").fill(RUN);
    await page.waitForFunction((run) => location.hash.includes(`q=${run}`), RUN);
    const expected = (await apiCall<{ page: { total: number } }>(page, "GET", `/events?q=${RUN}`)).page.total;
    await page
      .getByTestId("total")
      .filter({ hasText: `${expected} stored events` })
      .waitFor();
    // Every row shown holds the text somewhere in its raw event.
    const raws = await page.locator('[data-testid="events-table"] tbody pre').allTextContents();
    assert.ok(raws.length > 0 && raws.every((r) => r.includes(RUN)), `${raws.length} rows, all matching`);

    // 55 join tokens make more audit entries than one page holds.
    for (let i = 0; i < 55; i++) await apiCall(page, "POST", "/enrollment-tokens", { name: `page-${i}` });
    await page.goto("/#/audit");
    await page.getByTestId("page-number").filter({ hasText: "Page 1 of 2" }).waitFor();
    await page.getByRole("button", { name: "Next →" }).click();
    await page.getByTestId("page-number").filter({ hasText: "Page 2 of 2" }).waitFor();
    assert.match(page.url(), /page=2/);
    // Rows without their relative time, which moves on.
    const rowsNow = () =>
      page.locator('[data-testid="audit-table"] tbody tr').evaluateAll((trs) =>
        trs.map((tr) =>
          [...tr.children]
            .slice(1)
            .map((td) => td.textContent)
            .join("|"),
        ),
      );
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="audit-table"] tbody tr').length < 50);
    const page2 = await rowsNow();
    await page.reload();
    await page.getByTestId("page-number").filter({ hasText: "Page 2 of 2" }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="audit-table"] tbody tr').length < 50);
    assert.deepEqual(await rowsNow(), page2);
    await page.getByRole("link", { name: "Nodes", exact: true }).click();
    await page.getByTestId("nodes-table").waitFor();
    await page.goBack();
    await page.getByTestId("page-number").filter({ hasText: "Page 2 of 2" }).waitFor();
    await page.getByRole("button", { name: "← Previous" }).click();
    await page.getByTestId("page-number").filter({ hasText: "Page 1 of 2" }).waitFor();
    assert.doesNotMatch(page.url(), /page=/);
  });

  it("log viewer: the engine's timestamps shown and hidden by a toggle", async () => {
    const page = b!.page;
    const list = await apiCall<{ items: { id: string; name: string }[] }>(page, "GET", `/containers?q=${TICK}`);
    const id = list.items[0]!.id;
    await page.goto(`/#/containers/${encodeURIComponent(worker!.nodeId)}/${encodeURIComponent(id)}`);
    await page.getByTestId("log-state").filter({ hasText: "following" }).waitFor({ timeout: 20_000 });
    const out = page.getByLabel("Container output");
    await out.filter({ hasText: /tick \d+/ }).waitFor({ timeout: 20_000 });
    assert.doesNotMatch((await out.textContent()) ?? "", /\d{4}-\d\d-\d\dT/, "no timestamps by default");
    await page.getByLabel("Timestamps").check();
    const stamped = ((await out.textContent()) ?? "").split("\n").filter(Boolean);
    // Each line starts with the engine's time of it, which agrees with the time the line itself printed.
    for (const line of stamped.slice(-5)) {
      const m = /^(\S+) tick (\d+)$/.exec(line);
      assert.ok(m, `a stamped line: ${line}`);
      const lag = Date.parse(m[1]!) / 1000 - Number(m[2]);
      assert.ok(lag >= 0 && lag < 2, `stamp ${m[1]} is the engine's time of "tick ${m[2]}"`);
    }
    // The choice sticks across a reload and the toggle hides them again.
    await page.reload();
    await out.filter({ hasText: /^\d{4}-\d\d-\d\dT\S+ tick/ }).waitFor({ timeout: 20_000 });
    await page.getByLabel("Timestamps").uncheck();
    assert.doesNotMatch((await out.textContent()) ?? "", /\d{4}-\d\d-\d\dT/);
  });

  it("saw no console errors", () => {
    assert.deepEqual(b!.errors, [], "no console errors");
  });
});
