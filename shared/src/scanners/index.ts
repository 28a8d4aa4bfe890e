/** Scanner catalogue and census diff: pure data shared by master and worker. */
export * from "./catalogue.js";
export * from "./census-diff.js";
