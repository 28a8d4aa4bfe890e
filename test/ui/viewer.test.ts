import assert from "node:assert/strict";
import { openBrowser, requireChromium, type BrowserSession } from "./browser.js";
import { startFreshMaster, type FreshMaster } from "./master.js";

const ADMIN = { username: "admin", password: "correct horse battery staple" };
const VIEWER = { username: "watcher", password: "watcher password 123" };

async function json(res: Response): Promise<any> {
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}

describe("web UI: role-aware controls", function () {
  this.timeout(90_000);
  let master: FreshMaster | undefined;
  let b: BrowserSession | undefined;
  let adminToken = "";
  let nodeLessTokenId = "";

  before(async function () {
    requireChromium(this);
    master = await startFreshMaster();
    const base = `${master.http}/api/v1`;
    const post = (path: string, body: unknown, token?: string) =>
      fetch(`${base}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    assert.equal((await post("/auth/setup", ADMIN)).status, 201);
    adminToken = (await json(await post("/auth/login", ADMIN))).access_token;
    const created = await post("/users", { ...VIEWER, role: "viewer" }, adminToken);
    assert.equal(created.status, 201, JSON.stringify(await json(created)));
    const tok = await post("/enrollment-tokens", { name: "for-viewer-test" }, adminToken);
    nodeLessTokenId = (await json(tok)).id;
    b = await openBrowser(master.http);
  });

  after(async () => {
    await b?.close();
    await master?.cleanup();
  });

  it("a viewer sees no action controls and the API refuses their mutations", async () => {
    const page = b!.page;
    await page.goto("/");
    await page.getByLabel("Username").fill(VIEWER.username);
    await page.getByLabel("Password").fill(VIEWER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("whoami").filter({ hasText: "viewer" }).waitFor();

    const nav = page.getByRole("navigation", { name: "Main" });
    assert.equal(await nav.getByRole("link", { name: "Enrollment" }).count(), 0, "no enrollment link for viewers");
    assert.equal(await nav.getByRole("link", { name: "Users" }).count(), 0, "no users link for viewers");

    await page.getByRole("link", { name: "Scans", exact: true }).click();
    await page.getByRole("heading", { name: "Scans", level: 1 }).waitFor();
    assert.equal(await page.getByRole("button", { name: "Start scan" }).count(), 0, "no scan form for viewers");

    // Schedules are served to operators only: no link, and the page says so without asking the API.
    assert.equal(await nav.getByRole("link", { name: "Schedules" }).count(), 0, "no schedules link for viewers");
    await page.goto("/#/schedules");
    await page.getByText("Only operators manage scan schedules.").waitFor();
    assert.equal(await page.getByRole("button", { name: "Create schedule" }).count(), 0, "no schedule form for viewers");

    await page.goto("/#/enrollment");
    await page.getByText("Only administrators manage join tokens.").waitFor();
    assert.equal(await page.getByRole("button", { name: "Create join token" }).count(), 0);

    // The session cookie and CSRF token of this very browser session cannot revoke a token either.
    const res = await page.evaluate(async (id) => {
      const csrf = /(?:^|;\s*)flotilla_csrf=([^;]*)/.exec(document.cookie)?.[1] ?? "";
      const r = await fetch(`/api/v1/enrollment-tokens/${id}`, { method: "DELETE", headers: { "X-CSRF-Token": decodeURIComponent(csrf) } });
      return { status: r.status, body: await r.json() };
    }, nodeLessTokenId);
    assert.equal(res.status, 403);
    assert.equal(res.body.code, "permission_denied");

    const scan = await page.evaluate(async () => {
      const csrf = /(?:^|;\s*)flotilla_csrf=([^;]*)/.exec(document.cookie)?.[1] ?? "";
      const r = await fetch(`/api/v1/scans`, {
        method: "POST",
        headers: { "content-type": "application/json", "X-CSRF-Token": decodeURIComponent(csrf) },
        body: JSON.stringify({ targets: { all: true } }),
      });
      return r.status;
    });
    assert.ok(scan === 403 || scan === 404, `viewer scan request answered ${scan}`);

    assert.deepEqual(b!.errors, [], "no console errors");
    // The viewer's pages never issue a request the viewer may not make: the only refusals are the deliberate ones above.
    const unexpected = b!.failures.filter((f) => !/^403 (DELETE|POST) \/api\/v1\/(enrollment-tokens|scans)/.test(f) && !/^404 /.test(f));
    assert.deepEqual(unexpected, []);
  });

  it("signing in with a wrong password shows a clear error", async () => {
    const page = await b!.newPage();
    await page.goto("/");
    await page.getByLabel("Username").fill(VIEWER.username);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "Wrong username or password." }).waitFor();
    await page.close();
  });
});
