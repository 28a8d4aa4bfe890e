/** Containers: actions, log reads and target resolution on a node's containers. */
import type { CommandRecorder } from "../commands/recorder.js";
import type { SessionRegistry } from "../sessions/index.js";
import { createContainerActions, type ContainerActions } from "./actions.js";
import { createTargetResolver, type ContainerInventoryPort } from "./targets.js";

export {
  ACTION_LIMITS,
  createContainerActions,
  type ActionOutcome,
  type ActionRequest,
  type ContainerActions,
  type LogLine,
  type Requester,
} from "./actions.js";
export { createTargetResolver, type ContainerInventoryPort, type ContainerTarget, type TargetResolver } from "./targets.js";

/** ContainersDeps are the collaborators of the container service. */
export interface ContainersDeps {
  /** Command recorder shared with every other sender of commands. */
  recorder: CommandRecorder;
  sessions: SessionRegistry;
  /** The telemetry pipeline: container inventory reads and applyContainer. */
  inventory: ContainerInventoryPort;
}

/** createContainers builds the container service on the shared recorder and the inventory. */
export function createContainers(deps: ContainersDeps): ContainerActions {
  const targets = createTargetResolver({ containers: deps.inventory, sessions: deps.sessions });
  return createContainerActions({ recorder: deps.recorder, targets, containers: deps.inventory });
}
