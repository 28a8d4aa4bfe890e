import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { openDb } from "../../master/src/db/client.js";
import { openBrowser, requireChromium, type BrowserSession } from "./browser.js";
import { apiCall, setUpAdmin } from "./fleet-setup.js";
import { startFreshMaster, type FreshMaster } from "./master.js";

const N = 2000;
const ROOT = new URL("../..", import.meta.url).pathname;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const LIVE = 40;

/**
 * The nodes page with 2,000 nodes. Enrolling 2,000 simulated workers takes
 * far too long on a loaded machine, so 1,960 nodes are inserted through the
 * database store (while the master is stopped; they stay offline) and 40
 * are real simulated workers from scripts/fleet-sim.mjs, enrolled over gRPC
 * and pushing metrics, so status and CPU figures are the master's own.
 */
describe("web UI nodes page with 2,000 nodes", function () {
  this.timeout(600_000);
  let master: FreshMaster | undefined;
  let b: BrowserSession | undefined;
  let sim: ChildProcess | undefined;
  let state = "";

  before(async function () {
    requireChromium(this);
    master = await startFreshMaster(["--enroll-rate-limit", "100000"]);
    b = await openBrowser(master.http);
    await setUpAdmin(b.page);
    await master.stop();
    const { db, close } = await openDb(`file:${join(master.dataDir, "flotilla.db")}`, pino({ level: "silent" }));
    const at = Date.now();
    const rows = Array.from({ length: N - LIVE }, (_, i) => {
      const id = `node_store${String(i).padStart(5, "0")}`;
      const host = `sim-${String(i + LIVE).padStart(5, "0")}`;
      return {
        id,
        name: host,
        hostname: host,
        machineId: `m-${id}`,
        status: "offline",
        os: "linux",
        agentVersion: "0.1.0",
        memoryBytes: 8n * 1024n ** 3n,
        cpus: 4,
        certSerial: `serial-${id}`,
        certExpiresAt: new Date(at + 86_400_000),
        lastSeenAt: new Date(at - i * 1000),
      };
    });
    for (let i = 0; i < rows.length; i += 500) await db.node.createMany({ data: rows.slice(i, i + 500) });
    await close();
    await master.restart();
    // The page's feed failed to reconnect while the master was down: not this test's subject.
    b.errors.length = 0;
    const { token } = await apiCall<{ token: string }>(b.page, "POST", "/enrollment-tokens", { name: "sim", max_uses: LIVE });
    state = mkdtempSync(join(tmpdir(), "flotilla-ui-sim-"));
    sim = spawn(
      process.execPath,
      [
        join(ROOT, "scripts/fleet-sim.mjs"),
        "--master",
        master.grpc,
        "--token",
        token,
        "--state",
        state,
        "--n",
        String(LIVE),
        "--procs",
        "1",
        "--ramp",
        "20",
        "--interval",
        "15000",
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let log = "";
    sim.stderr!.on("data", (c: Buffer) => (log = (log + c.toString()).slice(-2000)));
    sim.once("exit", (code, signal) => (log += `\nfleet-sim exited with ${signal ?? code}`));
    const deadline = Date.now() + 300_000;
    for (;;) {
      const s = await apiCall<{ total: number; online: number }>(b.page, "GET", "/fleet/status");
      const known = (
        await apiCall<{ items: { cpu_usage_ratio: number | null }[] }>(b.page, "GET", `/nodes?status=online&sort=cpu&limit=500`)
      ).items.filter((n) => n.cpu_usage_ratio !== null).length;
      // Under load a few simulated enrollments may fail; 30 live workers are plenty to sort by.
      if (s.total === N && s.online >= 30 && known >= 30) break;
      assert.ok(
        sim.exitCode === null && Date.now() < deadline,
        `fleet did not come up: ${s.total} nodes, ${s.online}/${LIVE} online, ${known} with CPU\n${log}`,
      );
      await sleep(2000);
    }
  });

  after(async () => {
    await b?.close();
    if (sim && sim.exitCode === null) {
      sim.kill("SIGTERM");
      await new Promise((r) => sim!.once("exit", r));
    }
    await master?.cleanup();
    if (state) rmSync(state, { recursive: true, force: true });
  });

  it("is interactive in under 1 s after load, narrows as one types and sorts by CPU", async () => {
    const page = b!.page;
    b!.errors.length = 0;
    // What the page itself does is measured, apart from the time the loaded machine's master
    // takes to answer: main-thread tasks over 50 ms (Long Tasks API) and the delay of every input
    // event until the page handled it (Event Timing API), recorded from the start of each load.
    await page.addInitScript(() => {
      const w = window as unknown as { __long: number[]; __input: number[] };
      w.__long = [];
      w.__input = [];
      new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__long.push(e.duration))).observe({ type: "longtask", buffered: true });
      new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__input.push(e.duration))).observe({
        type: "event",
        buffered: true,
        durationThreshold: 16,
      } as PerformanceObserverInit);
    });
    // Three loads; each from navigation start to the rows on screen (performance mark "nodes-ready"),
    // less the time spent waiting for the network (the app bundle and GET /nodes): that remainder is
    // the page's own work, bounded at 1 s on the best load. The raw figures are printed.
    const runs: { total: number; network: number; own: number; longest: number }[] = [];
    for (let i = 0; i < 3; i++) {
      await page.goto("/#/nodes");
      await page.reload();
      await page.getByTestId("nodes-table").locator("tbody tr").first().waitFor({ timeout: 30_000 });
      runs.push(
        await page.evaluate(() => {
          const ready = performance.getEntriesByName("nodes-ready")[0]?.startTime ?? Infinity;
          const res = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
          // No named functions in here: the test transpiler would wrap them in a helper the page lacks.
          const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
          const network = [nav, res.find((e) => /\/assets\/app-[^/]+\.js$/.test(e.name)), res.find((e) => e.name.includes("/api/v1/nodes?"))].reduce(
            (sum, e) => sum + (e ? e.responseEnd - e.requestStart : 0),
            0,
          );
          const long = (window as unknown as { __long: number[] }).__long;
          return {
            total: Math.round(ready),
            network: Math.round(network),
            own: Math.round(ready - network),
            longest: Math.round(Math.max(0, ...long)),
          };
        }),
      );
    }
    const load = loadavg()[0]!;
    console.log(
      `      nodes page with ${N} nodes (load average ${load.toFixed(1)} on ${cpus().length} cores): ${runs.map((r) => `ready ${r.total} ms (network ${r.network} ms, page ${r.own} ms, longest task ${r.longest} ms)`).join("; ")}`,
    );
    const best = runs.reduce((a, r) => (r.own < a.own ? r : a));
    assert.ok(best.own < 1000, `the page's own work before the rows showed took ${runs.map((r) => r.own).join(", ")} ms`);
    assert.ok(best.longest < 1000, `a main-thread task of ${best.longest} ms blocked the page while it loaded`);
    // A page drawing the whole fleet at once would pass a loose time bound on a fast machine; it never draws more than a page.
    const drawn = await page.getByTestId("nodes-table").locator("tbody tr").count();
    assert.ok(drawn > 0 && drawn <= 100, `${drawn} rows drawn for ${N} nodes`);
    assert.equal((await page.getByTestId("total").textContent())?.trim().split(" · ")[0], `${N} nodes`);
    // Interactive: the search box takes input right away.
    const t0 = Date.now();
    const search = page.getByLabel("Search");
    await search.focus();
    assert.ok(Date.now() - t0 < 1000, "the search box did not take focus within 1 s");

    // Typing narrows the list step by step, served by the server (total counts all matches),
    // asking once per pause in typing, not once per key, and answering every key at once.
    const asked = () => page.evaluate(() => performance.getEntriesByType("resource").filter((e) => /\/api\/v1\/nodes\?.*q=/.test(e.name)).length);
    const askedBefore = await asked();
    await page.evaluate(() => ((window as unknown as { __input: number[] }).__input.length = 0));
    const totals: number[] = [];
    const count = async () => Number(/^(\d+)/.exec((await page.getByTestId("total").textContent()) ?? "")?.[1]);
    let keys = 0;
    for (const [typed, expect] of [
      ["sim-01", 1000],
      ["sim-019", 100],
      ["sim-0199", 10],
      ["sim-01999", 1],
    ] as const) {
      const more = typed.slice(typed.length === 6 ? 0 : typed.length - 1);
      keys += more.length;
      await search.pressSequentially(more, { delay: 30 });
      await page.waitForFunction((n) => document.querySelector('[data-testid="total"]')?.textContent?.startsWith(`${n} node`), expect, {
        timeout: 10_000,
      });
      totals.push(await count());
    }
    assert.deepEqual(totals, [1000, 100, 10, 1]);
    const requests = (await asked()) - askedBefore;
    assert.ok(requests <= 6, `${requests} searches sent for ${keys} keys typed in 4 bursts`);
    const inputs = await page.evaluate(() => (window as unknown as { __input: number[] }).__input);
    const slowest = Math.round(Math.max(0, ...inputs));
    console.log(`      typing ${keys} keys: ${requests} searches sent, slowest input answered in ${slowest} ms`);
    assert.ok(slowest < 1000, `an input event took ${slowest} ms to be handled`);
    assert.match(page.url(), /q=sim-01999/);
    assert.equal(await page.getByTestId("nodes-table").locator("tbody tr").count(), 1);
    assert.match((await page.getByTestId("nodes-table").locator("tbody tr").first().textContent())!, /sim-01999/);

    // Sort by CPU, highest first, over the whole fleet: the first page holds the highest figures.
    // The simulated workers stop first, so the figures hold still while page and API are compared.
    sim!.kill("SIGTERM");
    await new Promise((r) => (sim!.exitCode !== null ? r(null) : sim!.once("exit", r)));
    await sleep(1500);
    await search.fill("");
    await page.waitForFunction((n) => document.querySelector('[data-testid="total"]')?.textContent?.startsWith(`${n} nodes`), N, { timeout: 10_000 });
    const cpuHeader = page.getByRole("columnheader", { name: /CPU/ });
    await cpuHeader.getByRole("button").click();
    await page.waitForURL(/sort=cpu&order=asc|order=asc&.*sort=cpu|sort=cpu.*order=asc/);
    await cpuHeader.getByRole("button").click();
    await page.waitForURL(/order=desc/);
    assert.equal(await cpuHeader.getAttribute("aria-sort"), "descending");
    await page.reload();
    await page.getByTestId("nodes-table").locator("tbody tr").first().waitFor();
    const first = await apiCall<{ items: { name: string; cpu_usage_ratio: number | null }[] }>(page, "GET", "/nodes?sort=cpu&order=desc&limit=25");
    const names = await page.getByTestId("nodes-table").locator("tbody tr td:nth-child(2) > a").allTextContents();
    assert.deepEqual(
      names,
      first.items.map((n) => n.name),
      "the page shows the server's CPU order",
    );
    const shown = (await page.getByTestId("cpu").allTextContents()).map((t) => (/\d+/.test(t) ? Number(t.replace(/[^\d]/g, "")) : -1));
    assert.equal(shown.filter((v) => v >= 0).length, LIVE > 25 ? 25 : LIVE, `CPU figures: ${shown.join(" ")}`);
    for (let i = 1; i < shown.length; i++) assert.ok(shown[i]! <= shown[i - 1]!, `CPU column not descending: ${shown.join(" ")}`);
    const fleetMax = Math.max(
      ...(await apiCall<{ items: { cpu_usage_ratio: number | null }[] }>(page, "GET", "/nodes?labels=fleet=sim&limit=500")).items.map(
        (n) => n.cpu_usage_ratio ?? 0,
      ),
      ...first.items.map((n) => n.cpu_usage_ratio ?? 0),
    );
    assert.equal(shown[0], Math.round(fleetMax * 100), "the top row has the fleet's highest CPU");
    assert.deepEqual(b!.errors, []);
  });
});
