import assert from "node:assert/strict";
import { openBrowser, requireChromium, screenshot, type BrowserSession } from "./browser.js";
import { setUpAdmin } from "./fleet-setup.js";
import { startFreshMaster, type FreshMaster } from "./master.js";

const PAGES: [string, string][] = [
  ["/#/", "Overview · Flotilla"],
  ["/#/nodes", "Nodes · Flotilla"],
  ["/#/scans", "Scans · Flotilla"],
  ["/#/findings", "Findings · Flotilla"],
  ["/#/events", "Events · Flotilla"],
  ["/#/enrollment", "Enrollment · Flotilla"],
  ["/#/users", "Users · Flotilla"],
];

describe("web UI on a phone and in dark mode", function () {
  this.timeout(120_000);
  let master: FreshMaster | undefined;
  let b: BrowserSession | undefined;

  before(async function () {
    requireChromium(this);
    master = await startFreshMaster();
    b = await openBrowser(master.http);
    await setUpAdmin(b.page);
  });

  after(async () => {
    await b?.close();
    await master?.cleanup();
  });

  it("fits 390 px wide: no sideways scrolling, the nav folds behind Menu, one title per page", async () => {
    const page = b!.page;
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, title] of PAGES) {
      await page.goto(path);
      await page.locator("main h1").waitFor();
      await page.waitForTimeout(300);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `${path} is ${width} px wide`);
      assert.equal(await page.title(), title);
    }
    const nav = page.getByRole("navigation", { name: "Main" });
    const folded = (await nav.boundingBox())!.height;
    assert.ok(folded < 60, `the folded nav is ${folded} px tall`);
    assert.equal(await nav.getByRole("link", { name: "Nodes" }).isVisible(), false);
    await nav.getByRole("button", { name: "Menu" }).click();
    await nav.getByRole("link", { name: "Nodes" }).click();
    await page.getByRole("heading", { name: "Nodes", level: 1 }).waitFor();
    // The menu folds in the render after the route changes, which can land a frame after the new heading.
    const closed = await nav
      .getByRole("link", { name: "Nodes" })
      .waitFor({ state: "hidden", timeout: 2_000 })
      .then(() => true)
      .catch(() => false);
    assert.ok(closed, "the menu stays open after navigating");
    await page.goto("/#/");
    await page.locator("main h1").waitFor();
    // The screenshot shows the loaded page, not its spinners.
    await page.getByText("Loading…").first().waitFor({ state: "detached", timeout: 15_000 });
    await screenshot(page, "phone-overview");
  });

  it("follows the system's dark mode", async () => {
    const page = b!.page;
    await page.setViewportSize({ width: 1280, height: 860 });
    const bg = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/#/nodes");
    await page.locator("main h1").waitFor();
    const light = await bg();
    await page.emulateMedia({ colorScheme: "dark" });
    const dark = await bg();
    const lum = (c: string) => (c.match(/\d+/g) ?? []).slice(0, 3).reduce((a, v) => a + Number(v), 0);
    assert.ok(lum(light) > 600 && lum(dark) < 150, `light ${light}, dark ${dark}`);
    await screenshot(page, "dark-nodes");
    await page.emulateMedia({ colorScheme: "light" });
  });
});
