import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import Docker from "dockerode";
import { openBrowser, requireChromium, type BrowserSession } from "./browser.js";
import { apiCall, enrollWorker, setUpAdmin, type EnrolledWorker } from "./fleet-setup.js";
import { startFreshMaster, type FreshMaster } from "./master.js";

const SOCKET = process.env.FLOTILLA_DOCKER_SOCKET ?? "/var/run/docker.sock";
const IMAGE = process.env.FLOTILLA_TEST_IMAGE ?? "local/busybox:1";
const RUN = randomBytes(4).toString("hex");
const UP = `ui-up-${RUN}`;
const DOWN = `ui-down-${RUN}`;
const TICK = `ui-tick-${RUN}`;
const docker = new Docker({ socketPath: SOCKET });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("web UI follows state: actions, charts, scan compare order and cron zones", function () {
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
    const make = (name: string) => docker.createContainer({ Image: IMAGE, Cmd: ["sleep", "3600"], name, HostConfig: { NetworkMode: "none" } });
    await (await make(UP)).start();
    await make(DOWN);
    await (
      await docker.createContainer({
        Image: IMAGE,
        Cmd: ["sh", "-c", "while true; do echo tick $(date +%s); sleep 0.5; done"],
        name: TICK,
        HostConfig: { NetworkMode: "none" },
      })
    ).start();
    master = await startFreshMaster(["--heartbeat-interval", "1s", "--heartbeat-grace", "2s"]);
    b = await openBrowser(master.http);
    await setUpAdmin(b.page);
    worker = await enrollWorker(b.page, ["--docker-socket", SOCKET, "--metrics-interval", "1s"]);
  });

  after(async () => {
    await b?.close();
    await worker?.cleanup();
    await master?.cleanup();
    for (const n of [UP, DOWN, TICK])
      await docker
        .getContainer(n)
        .remove({ force: true })
        .catch(() => undefined);
  });

  it("draws ratio charts on a 0-100 % scale with distinct ticks", async () => {
    const page = b!.page;
    await page.goto(`/#/nodes/${worker!.nodeId}`);
    for (const title of ["CPU", "Filesystem"]) {
      const box = page.getByTestId("chart").filter({ hasText: title }).locator("[data-y-ticks]");
      await box.waitFor({ timeout: 30_000 });
      const ticks = (await box.getAttribute("data-y-ticks"))!.split("|");
      assert.equal(ticks[0], "0%", `${title} ticks ${ticks.join(" ")}`);
      assert.equal(ticks[ticks.length - 1], "100%", `${title} ticks ${ticks.join(" ")}`);
      assert.equal(new Set(ticks).size, ticks.length, `${title} ticks repeat: ${ticks.join(" ")}`);
    }
  });

  it("draws time labels that do not overlap, wide and on a phone (measured where uPlot drew them)", async () => {
    const page = b!.page;
    type Box = { label: string; left: number; right: number };
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 860 });
      await page.goto(`/#/nodes/${worker!.nodeId}`);
      for (const title of ["CPU", "Memory", "Filesystem"]) {
        const chart = page.getByTestId("chart").filter({ hasText: title }).first();
        // Enough samples for the axis to span a minute of labels.
        await chart.locator("[data-x-ticks]").waitFor({ timeout: 30_000 });
        const boxes = JSON.parse((await chart.locator("[data-x-ticks]").getAttribute("data-x-ticks"))!) as Box[];
        const canvas = await chart.locator("canvas").evaluate((c: HTMLCanvasElement) => c.width);
        assert.ok(boxes.length >= 2, `${title} at ${width} px: ${boxes.length} time labels`);
        for (let i = 1; i < boxes.length; i++)
          assert.ok(
            boxes[i - 1]!.right < boxes[i]!.left,
            `${title} at ${width} px: "${boxes[i - 1]!.label}" [${boxes[i - 1]!.left}, ${boxes[i - 1]!.right}] overlaps "${boxes[i]!.label}" [${boxes[i]!.left}, ${boxes[i]!.right}]`,
          );
        assert.ok(boxes[0]!.left >= 0 && boxes[boxes.length - 1]!.right <= canvas, `${title} at ${width} px: labels run off the ${canvas} px canvas`);
      }
    }
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it("offers only the container actions that apply, none on an offline node", async () => {
    const page = b!.page;
    await page.goto(`/#/nodes/${worker!.nodeId}`);
    const up = page.locator(`tr[data-container-name="${UP}"]`);
    const down = page.locator(`tr[data-container-name="${DOWN}"]`);
    await up.waitFor({ timeout: 30_000 });
    await down.waitFor();
    assert.equal(await up.getByRole("button", { name: "Start", exact: true }).isDisabled(), true, "Start on a running container");
    assert.equal(await up.getByRole("button", { name: "Stop" }).isEnabled(), true);
    assert.equal(await down.getByRole("button", { name: "Stop" }).isDisabled(), true, "Stop on a created container");
    assert.equal(await down.getByRole("button", { name: "Start", exact: true }).isEnabled(), true);
  });

  it("compares scans oldest first whatever the pick order, warns when they differ, and swaps", async () => {
    const page = b!.page;
    const start = async (scanners: string[]) => {
      const { scan_id } = await apiCall<{ scan_id: string }>(page, "POST", "/scans", { targets: { all: true }, scanners });
      for (;;) {
        const s = await apiCall<{ status: string }>(page, "GET", `/scans/${scan_id}`);
        if (["completed", "failed", "canceled"].includes(s.status)) return scan_id;
        await sleep(500);
      }
    };
    const older = await start(["docker-security"]);
    const newer = await start(["docker-security", "docker-waste"]);
    // Picked newest first: the newer one arrives as base.
    await page.goto(`/#/scans/compare?base=${newer}&head=${older}`);
    const order = page.getByTestId("compare-order");
    await order.waitFor();
    const text = (await order.textContent())!;
    assert.ok(text.indexOf(older) < text.indexOf(newer), `order: ${text}`);
    assert.match((await page.getByTestId("compare-mismatch").textContent())!, /scanners/);
    await order.getByRole("link", { name: "Swap" }).click();
    await page.getByText("The base is the newer scan").waitFor();
    const swapped = (await page.getByTestId("compare-order").textContent())!;
    assert.ok(swapped.indexOf(newer) < swapped.indexOf(older), `swapped: ${swapped}`);
  });

  it("takes a time zone for cron schedules and shows next runs in it", async () => {
    const page = b!.page;
    await page.goto("/#/schedules");
    const form = page.getByRole("form", { name: "Create schedule" });
    await form.getByLabel("Name").fill("nightly");
    await form.getByLabel("or cron").fill("0 3 * * *");
    await form.getByLabel("Time zone (cron)").fill("Asia/Tokyo");
    await form.getByRole("button", { name: "Create schedule" }).click();
    const row = page.getByRole("row").filter({ hasText: "nightly" });
    await row.waitFor();
    assert.match((await row.textContent())!, /0 3 \* \* \*\s*Asia\/Tokyo/);
    const next = (await row.getByTestId("next-run").textContent())!;
    assert.match(next, /Asia\/Tokyo$/);
    // 03:00 in Tokyo, shown as such.
    assert.match(next, /\b3:00:00\b|\b03:00:00\b/);
    const api = await apiCall<{ items: { name: string; timezone: string }[] }>(page, "GET", "/schedules");
    assert.equal(api.items.find((s) => s.name === "nightly")?.timezone, "Asia/Tokyo");
  });

  it("keeps following a log across a container restart, and unticking Follow stops it", async () => {
    const page = b!.page;
    const id = (await docker.getContainer(TICK).inspect()).Id;
    await page.goto(`/#/containers/${worker!.nodeId}/${id}`);
    const out = page.getByRole("region", { name: "Container output" }).or(page.getByLabel("Container output"));
    await page.getByTestId("log-state").filter({ hasText: "following" }).waitFor({ timeout: 20_000 });
    await out.filter({ hasText: "tick" }).waitFor({ timeout: 20_000 });
    await docker.getContainer(TICK).restart({ t: 0 });
    const restarted = Math.floor(Date.now() / 1000) + 1;
    // Lines printed after the restart arrive without a reload.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const stamps = ((await out.textContent()) ?? "").match(/tick (\d+)/g)?.map((t) => Number(t.slice(5))) ?? [];
      if (stamps.some((t) => t >= restarted + 1)) break;
      assert.ok(Date.now() < deadline, `no output after the restart; state: ${await page.getByTestId("log-state").textContent()}`);
      await sleep(500);
    }
    await page.getByLabel("Follow").uncheck();
    await page.getByTestId("log-state").filter({ hasText: "not following" }).waitFor();
    const before = (await out.textContent())!.length;
    await sleep(2500);
    assert.equal((await out.textContent())!.length, before, "lines kept arriving with Follow off");
  });

  it("fits tables with data into 390 px: no sideways page scroll, tables scroll in their box, no word broken", async () => {
    const page = b!.page;
    await page.setViewportSize({ width: 390, height: 844 });
    const measured: string[] = [];
    for (const path of ["/#/nodes", `/#/nodes/${worker!.nodeId}`, "/#/containers", "/#/scans", "/#/events"]) {
      await page.goto(path);
      await page.locator("table.table tbody tr").first().waitFor({ timeout: 30_000 });
      const m = await page.evaluate(() => {
        const tables = [...document.querySelectorAll<HTMLElement>("table.table")];
        // A word split over two lines has two client rects.
        let broken = "";
        for (const td of document.querySelectorAll("table.table td")) {
          const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n && !broken; n = walker.nextNode()) {
            const text = n.textContent ?? "";
            for (const w of text.matchAll(/\S{2,}/g)) {
              const r = document.createRange();
              r.setStart(n, w.index!);
              r.setEnd(n, w.index! + w[0].length);
              const lines = new Set([...r.getClientRects()].map((x) => Math.round(x.top)));
              if (lines.size > 1) broken = w[0];
            }
          }
        }
        return {
          page: document.documentElement.scrollWidth,
          tables: tables.map((t) => Math.round(t.getBoundingClientRect().right)),
          scrolls: tables.map((t) => t.scrollWidth > t.clientWidth && getComputedStyle(t).overflowX === "auto"),
          broken,
        };
      });
      measured.push(`${path}: page ${m.page} px, tables end at ${m.tables.join("/")} px`);
      assert.ok(m.page <= 390, `${path}: the page is ${m.page} px wide`);
      for (const [i, right] of m.tables.entries())
        assert.ok(right <= 390, `${path}: table ${i} ends at ${right} px${m.scrolls[i] ? "" : " and does not scroll"}`);
      assert.equal(m.broken, "", `${path}: "${m.broken}" breaks across lines`);
    }
    console.log(`      ${measured.join("\n      ")}`);
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it("disables every container action once the node is offline", async () => {
    const page = b!.page;
    await page.goto(`/#/nodes/${worker!.nodeId}`);
    const up = page.locator(`tr[data-container-name="${UP}"]`);
    await up.waitFor({ timeout: 30_000 });
    await worker!.kill("SIGKILL");
    await page.getByTestId("node-status").filter({ hasText: "offline" }).first().waitFor({ timeout: 15_000 });
    for (const name of ["Start", "Stop", "Restart"])
      assert.equal(await up.getByRole("button", { name, exact: true }).isDisabled(), true, `${name} on an offline node`);
  });
});
