/** AGENT_VERSION is the version of master and worker builds. */
export const AGENT_VERSION = "0.1.0";
