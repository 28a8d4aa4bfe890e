import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { MASTER_ENV, MASTER_NODE_FLAGS } from "../../master/runtime.mjs";
import { startMaster, type MasterProc } from "../helpers/processes.js";

const unit = readFileSync(new URL("../../deploy/systemd/flotilla-master.service", import.meta.url), "utf8");

describe("master runtime profile", () => {
  it("the systemd unit starts the master with exactly the flags and environment of master/runtime.mjs", () => {
    const exec = /^ExecStart=\/usr\/bin\/node (.*) \/opt\/flotilla\/master\/dist\/main\.js/m.exec(unit);
    assert.ok(exec, "ExecStart runs node on the master's entry point");
    assert.deepEqual(exec[1]!.split(" "), MASTER_NODE_FLAGS);
    const env = Object.fromEntries([...unit.matchAll(/^Environment=(\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
    assert.deepEqual(env, MASTER_ENV);
  });

  describe("a master started with it", () => {
    let m: MasterProc;
    before(async () => {
      m = await startMaster();
    });
    after(async () => m?.cleanup());

    it("runs with those flags and environment and serves requests", async () => {
      const pid = m.child.pid!;
      const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      for (const f of MASTER_NODE_FLAGS) assert.ok(argv.includes(f), `${f} is on the command line`);
      const environ = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
      for (const [k, v] of Object.entries(MASTER_ENV)) assert.ok(environ.includes(`${k}=${v}`), `${k} is set`);
      const res = await fetch(`${m.http}/health`);
      assert.equal(res.status, 200);
    });
  });
});
