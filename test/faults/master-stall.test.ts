import { strict as assert } from "node:assert";
import { startMaster, startWorker, waitFor, type MasterProc, type Proc } from "../helpers/processes.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("a stopped master (SIGSTOP) and heartbeats buffered in dead connections", function () {
  this.timeout(90_000);
  let master: MasterProc;
  const procs: Proc[] = [];

  before(async () => {
    // TTL = 1.5 × 1 s + 1 s.
    master = await startMaster({ args: ["--heartbeat-interval", "1s", "--heartbeat-grace", "1s"] });
  });
  after(async () => {
    for (const p of procs) {
      p.child.kill("SIGCONT");
      await p.kill("SIGKILL");
    }
    master.child.kill("SIGCONT");
    await master.cleanup();
  });

  it("does not bring a node online from beats its dead worker left in a connection", async () => {
    const tok = await master.api.post<{ token: string }>("/enrollment-tokens", { max_uses: 1 });
    const w = startWorker(master, { token: tok.token, args: ["--docker-socket", "/nonexistent/docker.sock"] });
    procs.push(w);
    const nodeId = (await w.waitForLog((r) => r.msg === "connected to master", 20_000)).node_id as string;
    await waitFor(async () => (await master.api.get<{ status: string }>(`/nodes/${nodeId}`)).status === "online", 10_000, "online");
    // The worker freezes: the master rightly marks it offline, its session stays open.
    w.child.kill("SIGSTOP");
    await master.waitForLog((r) => r.msg === "node offline" && r.node_id === nodeId, 10_000);
    // Now the master stops; the worker wakes, beats into the frozen master, gives up on the session and dies.
    master.child.kill("SIGSTOP");
    w.child.kill("SIGCONT");
    await w.waitForLog((r) => r.msg === "connection to master lost", 15_000);
    await w.kill("SIGKILL");
    const resumedAt = master.lines.length;
    master.child.kill("SIGCONT");
    await sleep(4_000);
    const online = master.lines.slice(resumedAt).filter((l) => l.includes('"node online"') && l.includes(nodeId));
    assert.deepEqual(online, [], "no node.online from a dead connection");
    assert.equal((await master.api.get<{ status: string }>(`/nodes/${nodeId}`)).status, "offline");
  });
});
