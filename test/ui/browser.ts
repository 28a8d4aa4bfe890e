import { existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

/** CHROMIUM is Debian's Chromium; tests never download a browser. */
export const CHROMIUM = "/usr/bin/chromium";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * requireChromium skips the suite when Chromium is missing, except in CI
 * (CI=true) where a missing browser fails the run.
 */
export function requireChromium(ctx: Mocha.Context): void {
  if (existsSync(CHROMIUM)) return;
  if (process.env.CI === "true") throw new Error(`${CHROMIUM} is missing: install Debian's chromium package`);
  ctx.skip();
}

/** BrowserSession is one browser with one page that records console errors. */
export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far (failed requests are in `failures`). */
  errors: string[];
  /** HTTP answers of 400 and above the pages received, as "STATUS METHOD /path". */
  failures: string[];
  /** newPage opens another page in a fresh context (separate cookies), also recording errors. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

function record(page: Page, errors: string[], failures: string[]): void {
  page.on("console", (m) => {
    // The browser logs every 4xx/5xx answer; those are checked precisely through `failures`.
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(`console: ${m.text()}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) failures.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
}

/** openBrowser launches headless Chromium with one page at `baseURL`. */
export async function openBrowser(baseURL: string): Promise<BrowserSession> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const errors: string[] = [];
  const failures: string[] = [];
  const contexts: BrowserContext[] = [];
  const newContext = async () => {
    const c = await browser.newContext({ baseURL, viewport: { width: 1280, height: 860 } });
    contexts.push(c);
    return c;
  };
  const context = await newContext();
  const page = await context.newPage();
  record(page, errors, failures);
  return {
    browser,
    context,
    page,
    errors,
    failures,
    async newPage() {
      const p = await (await newContext()).newPage();
      record(p, errors, failures);
      return p;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
    },
  };
}

/**
 * screenshot saves a full-page picture of the page. It goes to the README's
 * docs/screenshots only when FLOTILLA_SCREENSHOTS=1 (refreshing them is a
 * choice, not a side effect of every test run); otherwise to a temp dir.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir =
    process.env.FLOTILLA_SCREENSHOTS === "1"
      ? join(new URL("../..", import.meta.url).pathname, "docs/screenshots")
      : join(tmpdir(), "flotilla-screenshots");
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
