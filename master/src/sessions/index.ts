/** Public surface of the live command streams. */
export { createSessionRegistry, type SessionRegistry, type SessionStream, type SessionHandle } from "./registry.js";
export { OUTPUT_WINDOW, type DispatchOptions, type Interruption } from "./pending.js";
export { refreshFacts } from "./refresh-facts.js";
