import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { spawnNode, WORKER_MAIN, type Proc } from "../helpers/processes.js";

/** ADMIN is the first admin the UI tests create. */
export const ADMIN = { username: "admin", password: "correct horse battery staple" };

/** setUpAdmin creates the first admin through the UI and waits for the live feed. */
export async function setUpAdmin(page: Page): Promise<void> {
  await page.goto("/");
  // With no user yet the server asks for setup, so the setup form is shown first.
  await page.getByRole("heading", { name: "Set up Flotilla" }).waitFor();
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  await page.getByTestId("whoami").filter({ hasText: ADMIN.username }).waitFor();
  await page.getByTestId("live-state").filter({ hasText: "live" }).waitFor({ timeout: 10_000 });
}

/** apiCall calls the REST API with the page's session cookie (and CSRF header on mutations). */
export async function apiCall<T = any>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const cookies = await page.context().cookies();
  const csrf = cookies.find((c) => c.name === "flotilla_csrf")?.value ?? "";
  const r = await page.request.fetch(`/api/v1${path}`, {
    method,
    headers: method === "GET" ? {} : { "X-CSRF-Token": decodeURIComponent(csrf) },
    ...(body === undefined ? {} : { data: body }),
  });
  const text = await r.text();
  if (!r.ok()) throw new Error(`${method} ${path}: ${r.status()} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** EnrolledWorker is a worker process enrolled with a join token made through the API. */
export interface EnrolledWorker extends Proc {
  nodeId: string;
  cleanup(): Promise<void>;
}

/**
 * enrollWorker makes a join token, starts `node worker/dist/main.js` with it
 * and `extraArgs`, and waits until the master lists the node online.
 */
export async function enrollWorker(page: Page, extraArgs: string[]): Promise<EnrolledWorker> {
  const t = await apiCall<{ token: string }>(page, "POST", "/enrollment-tokens", { name: "ui-ops", max_uses: 1 });
  // The gRPC address install.sh would dial.
  const script = await page.evaluate(async () => (await fetch("/install.sh")).text());
  const master = /FLOTILLA_MASTER=\$\{FLOTILLA_MASTER:-'([^']+)'\}/.exec(script)?.[1];
  const token = t.token;
  if (!master || !token) throw new Error(`no gRPC address in install.sh or no token`);
  const stateDir = mkdtempSync(join(tmpdir(), "flotilla-ui-worker-"));
  const p = spawnNode(WORKER_MAIN, ["--master", master, "--join-token", token, "--state-dir", stateDir, ...extraArgs], {
    FLOTILLA_LOG_LEVEL: "info",
  });
  const cleanup = async () => {
    await p.kill("SIGTERM");
    rmSync(stateDir, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const nodes = await apiCall<{ items: { id: string; status: string }[] }>(page, "GET", "/nodes");
      const online = nodes.items.find((n) => n.status === "online");
      if (online) return { ...p, nodeId: online.id, cleanup };
      if (Date.now() > deadline) throw new Error(`worker did not come online:\n${p.lines.slice(-15).join("\n")}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (err) {
    await cleanup();
    throw err;
  }
}
