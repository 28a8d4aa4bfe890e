// One simulated host for scripts/fleet-sim.mjs: facts, a collection round
// shaped like the real collectors' (same point names and labels: 4 cores,
// memory, 3 filesystems, 3 interfaces, system, 5 containers), a container
// inventory whose states change a few times per hour per host, and container
// actions applied to it.

const CORES = 4;
const MOUNTS = [
  { mount: "/", device: "/dev/sda1", fstype: "ext4" },
  { mount: "/var/lib/docker", device: "/dev/sdb1", fstype: "xfs" },
  { mount: "/boot", device: "/dev/sda2", fstype: "ext4" },
];
const IFACES = ["eth0", "eth1", "docker0"];
const GiB = 2 ** 30;

/**
 * simulatedHost returns host `i`'s facts and its collect/inventory/act
 * functions. Each container changes state on average every `meanChangeMs`
 * (default 20 min, so a host makes a change every ~4 minutes and 1,000 hosts
 * a few per second).
 */
export function simulatedHost(i, intervalMs, meanChangeMs = 20 * 60_000) {
  const facts = {
    hostname: `sim-${String(i).padStart(5, "0")}`,
    os: "linux",
    osVersion: "Debian GNU/Linux 12 (bookworm)",
    kernel: "6.1.0-sim",
    arch: "x64",
    cpus: CORES,
    memoryBytes: 16n * BigInt(GiB),
    machineId: `5157${String(i).padStart(28, "0")}`,
    agentVersion: "0.1.0-sim",
    addresses: [`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`],
    bootTimeMs: BigInt(Date.now() - 86_400_000),
  };
  const containers = Array.from({ length: 5 }, (_, k) => ({
    id: `${i.toString(16).padStart(8, "0")}${k.toString(16).padStart(4, "0")}`.padEnd(64, "c"),
    name: `app-${k}`,
    image: `registry.local/app-${k}:1.${k}`,
    imageId: `sha256:${String(k).repeat(64)}`,
    state: "running",
    status: "Up 2 hours",
    createdMs: BigInt(Date.now() - 7_200_000),
    ports: k === 0 ? [{ ip: "0.0.0.0", privatePort: 80, publicPort: 8080 + (i % 1000), type: "tcp" }] : [],
    labels: { "com.docker.compose.project": "sim", "com.docker.compose.service": `app-${k}` },
    restartCount: 0,
  }));
  let counter = i * 1000;
  let onEvent = () => {};
  const rnd = (base, spread) => base + Math.random() * spread;

  function setState(c, state) {
    c.state = state;
    c.status = state === "running" ? "Up 1 second" : "Exited (0) 1 second ago";
    onEvent({
      tsMs: BigInt(Date.now()),
      type: state === "running" ? "container.start" : "container.die",
      containerId: c.id,
      attributes: { name: c.name, image: c.image },
    });
  }

  // A few state changes: every round each container flips with the chance
  // that makes its mean time between changes meanChangeMs.
  const flipChance = intervalMs / meanChangeMs;

  async function collect() {
    counter += 1;
    for (const c of containers) if (Math.random() < flipChance) setState(c, c.state === "running" ? "exited" : "running");
    const points = [
      { name: "cpu.count", value: CORES },
      { name: "load.1", value: rnd(0.5, 1) },
      { name: "load.5", value: rnd(0.5, 0.8) },
      { name: "load.15", value: rnd(0.5, 0.5) },
      { name: "cpu.usage_ratio", value: rnd(0.1, 0.3) },
      ...Array.from({ length: CORES }, (_, k) => ({ name: "cpu.core_usage_ratio", value: rnd(0.05, 0.4), labels: { core: String(k) } })),
      { name: "mem.total_bytes", value: 16 * GiB },
      { name: "mem.available_bytes", value: rnd(8 * GiB, GiB) },
      { name: "mem.used_bytes", value: rnd(7 * GiB, GiB) },
      { name: "mem.usage_ratio", value: rnd(0.4, 0.1) },
      { name: "swap.total_bytes", value: 2 * GiB },
      { name: "swap.used_bytes", value: rnd(0, 1e6) },
    ];
    for (const m of MOUNTS) {
      const total = 100 * GiB;
      const used = rnd(40 * GiB, GiB);
      points.push(
        { name: "fs.total_bytes", value: total, labels: m },
        { name: "fs.used_bytes", value: used, labels: m },
        { name: "fs.avail_bytes", value: total - used, labels: m },
        { name: "fs.usage_ratio", value: used / total, labels: m },
        { name: "fs.inodes_total", value: 6_553_600, labels: m },
        { name: "fs.inodes_used", value: 300_000 + (counter % 1000), labels: m },
      );
    }
    for (const iface of IFACES) {
      const labels = { iface };
      const base = counter * 1e5;
      points.push(
        { name: "net.rx_bytes", value: base * 3, labels },
        { name: "net.tx_bytes", value: base * 2, labels },
        { name: "net.rx_packets", value: base / 500, labels },
        { name: "net.tx_packets", value: base / 700, labels },
        { name: "net.rx_errors", value: 0, labels },
        { name: "net.tx_errors", value: 0, labels },
        { name: "net.rx_bytes_per_second", value: rnd(1e4, 1e5), labels },
        { name: "net.tx_bytes_per_second", value: rnd(1e4, 1e5), labels },
      );
    }
    points.push(
      { name: "system.uptime_seconds", value: 86_400 + counter },
      { name: "system.processes", value: 180 },
      { name: "system.users", value: 1 },
    );
    for (const c of containers) {
      if (c.state !== "running") continue;
      const labels = { id: c.id, name: c.name };
      points.push(
        { name: "container.cpu_ratio", value: rnd(0.01, 0.1), labels },
        { name: "container.mem_usage_bytes", value: rnd(2e8, 5e7), labels },
        { name: "container.mem_limit_bytes", value: 2 * GiB, labels },
        { name: "container.net_rx_bytes", value: counter * 1e4, labels },
        { name: "container.net_tx_bytes", value: counter * 8e3, labels },
        { name: "container.blkio_read_bytes", value: counter * 1e3, labels },
        { name: "container.blkio_write_bytes", value: counter * 2e3, labels },
      );
    }
    const statuses = ["cpu", "memory", "filesystem", "network", "system", "containers"].map((name) => ({
      name,
      success: true,
      durationSeconds: rnd(0.001, 0.004),
    }));
    return { points, statuses };
  }

  return {
    facts,
    collect,
    inventory: async () => containers.map((c) => ({ ...c })),
    onEvent: (fn) => (onEvent = fn),
    /** flip changes the state of one container picked at random (running ⇄ exited), as a crash or a restart would. */
    flip() {
      const c = containers[Math.floor(Math.random() * containers.length)];
      setState(c, c.state === "running" ? "exited" : "running");
    },
    /** act applies a container action and returns the container afterwards, or undefined. */
    act(containerId, action) {
      const c = containers.find((x) => x.id === containerId || x.id.startsWith(containerId));
      if (!c) return undefined;
      if (action === "restart") c.restartCount++;
      setState(c, action === "stop" ? "exited" : "running");
      return { ...c };
    },
  };
}
