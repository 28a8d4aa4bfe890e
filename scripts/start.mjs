// `npm start`: a master on the embedded SQLite store plus one local worker
// joined to it. On first start it creates the admin user with a generated
// password (saved to <data>/initial-admin-password, mode 0600) and a
// single-use join token for the local worker; later starts reuse both.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { MASTER_ENV, MASTER_NODE_FLAGS } from "../master/runtime.mjs";

const root = new URL("..", import.meta.url).pathname;
const dataDir = resolve(process.env.FLOTILLA_DATA_DIR ?? join(root, "data"));
const httpAddr = process.env.FLOTILLA_HTTP_ADDR ?? "127.0.0.1:8080";
const grpcAddr = process.env.FLOTILLA_GRPC_ADDR ?? "127.0.0.1:50051";
const workerState = join(dataDir, "local-worker");
mkdirSync(dataDir, { recursive: true });

const pwFile = join(dataDir, "initial-admin-password");
const firstRun = !existsSync(pwFile);
const password = firstRun ? randomBytes(12).toString("base64url") : readFileSync(pwFile, "utf8").trim();
if (firstRun) writeFileSync(pwFile, password + "\n", { mode: 0o600 });

const children = [];
const master = spawn(
  process.execPath,
  [...MASTER_NODE_FLAGS, join(root, "master/dist/main.js"), "--http-addr", httpAddr, "--grpc-addr", grpcAddr, "--data-dir", dataDir],
  {
    env: { ...MASTER_ENV, ...process.env, FLOTILLA_ADMIN_PASSWORD: password },
    stdio: ["ignore", "pipe", "inherit"],
  },
);
children.push(master);

const ready = new Promise((resolveReady, reject) => {
  const rl = createInterface({ input: master.stdout });
  rl.on("line", (line) => {
    process.stdout.write(line + "\n");
    try {
      const rec = JSON.parse(line);
      if (rec.http_addr && rec.grpc_addr) resolveReady(rec);
    } catch {}
  });
  master.on("exit", (code) => reject(new Error(`master exited with code ${code}`)));
});

async function api(base, path, init = {}) {
  const res = await fetch(base + path, { ...init, headers: { "content-type": "application/json", ...(init.headers ?? {}) } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${path}: ${res.status} ${body.error ?? ""}`);
  return body;
}

try {
  const rec = await ready;
  const base = `http://${rec.http_addr}`;
  const workerArgs = [join(root, "worker/dist/main.js"), "--master", rec.grpc_addr, "--state-dir", workerState, "--labels", "role=local"];
  let token;
  if (!existsSync(join(workerState, "node.json"))) {
    const login = await api(base, "/api/v1/auth/login", { method: "POST", body: JSON.stringify({ username: "admin", password }) });
    const tok = await api(base, "/api/v1/enrollment-tokens", {
      method: "POST",
      headers: { authorization: `Bearer ${login.access_token}` },
      body: JSON.stringify({ name: "local worker (npm start)", ttl_seconds: 600, max_uses: 1 }),
    });
    token = tok.token;
    // On standard input, not the command line: `ps` shows every process's arguments.
    workerArgs.push("--join-token-file", "-");
  }
  const worker = spawn(process.execPath, workerArgs, { stdio: [token ? "pipe" : "ignore", "inherit", "inherit"] });
  if (token) worker.stdin.end(`${token}\n`);
  children.push(worker);
  const shown = firstRun ? password : `(see ${pwFile})`;
  console.log(
    `\n  Flotilla is running.\n  UI:        ${base}/\n  Log in as: admin / ${shown}\n  API docs:  ${base}/docs\n  gRPC:      ${rec.grpc_addr}\n  Stop with Ctrl-C.\n`,
  );
} catch (err) {
  console.error(`npm start: ${err.message}`);
  for (const c of children) c.kill("SIGTERM");
  process.exit(1);
}

const stop = () => {
  for (const c of children.reverse()) c.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
master.on("exit", () => process.exit(0));
