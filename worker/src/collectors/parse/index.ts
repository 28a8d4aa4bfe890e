/** Pure parsers of /proc and cgroup files; no I/O here. */
export * from "./proc-stat.js";
export * from "./meminfo.js";
export * from "./loadavg.js";
export * from "./uptime.js";
export * from "./net-dev.js";
export * from "./mounts.js";
export * from "./cgroup.js";
