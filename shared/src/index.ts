/** Public surface of @flotilla/shared, used by master and worker. */
export * from "./errors.js";
export * from "./config.js";
export * from "./cli.js";
export * from "./logger.js";
export * from "./join-token.js";
export * from "./version.js";
export * from "./scanners/index.js";
export * from "./strings.js";
export * from "./certificates.js";
