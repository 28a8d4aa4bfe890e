/** @flotilla/client: the typed SDK of the Flotilla REST API and live feed. */
export { createClient, type ClientOptions, type FlotillaClient } from "./client.js";
export { FlotillaApiError, type ErrorEnvelope } from "./errors.js";
export { paginate, type Page } from "./paging.js";
export { followFeed, type FeedEvent, type FeedOptions } from "./feed.js";
export { followContainerLogs, LogFollowClosedError, type LogLine } from "./logs.js";
export type { paths, components, operations } from "./gen/schema.js";
