/** Commands: the records of every command sent to a worker and the recorder that sends them. */
export { createCommandRecorder, defaultSummary, kindOf, type CommandRecorder, type CommandRun, type RunCommandOptions } from "./recorder.js";
export { createCommandRecords, commandView, COMMAND_STATUSES, TERMINAL, type CommandRecords, type CommandView } from "./records.js";
