import { existsSync } from "node:fs";
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
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
  /** newPage opens another page in a fresh context (separate cookies), also recording errors. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

function record(page: Page, errors: string[]): void {
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
}

/** openBrowser launches headless Chromium with one page at `baseURL`. */
export async function openBrowser(baseURL: string): Promise<BrowserSession> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const errors: string[] = [];
  const contexts: BrowserContext[] = [];
  const newContext = async () => {
    const c = await browser.newContext({ baseURL, viewport: { width: 1280, height: 860 } });
    contexts.push(c);
    return c;
  };
  const context = await newContext();
  const page = await context.newPage();
  record(page, errors);
  return {
    browser,
    context,
    page,
    errors,
    async newPage() {
      const p = await (await newContext()).newPage();
      record(p, errors);
      return p;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
    },
  };
}
