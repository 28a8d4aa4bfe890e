import { create } from "@bufbuild/protobuf";
import { FlotillaError } from "@flotilla/shared";
import { CommandSchema, CommandStatus } from "@flotilla/shared/gen/flotilla/v1/commands_pb.js";
import type { MasterContext } from "../context.js";
import { factsFromWire } from "../services/node-facts.js";
import { updateNodeFacts, type NodeFacts } from "../services/enrollment.js";
import type { SessionRegistry } from "./registry.js";

/**
 * refreshFacts asks a connected node for its current host facts, stores them
 * on the Node row and publishes `node.updated` when they changed.
 */
export async function refreshFacts(
  ctx: Pick<MasterContext, "db" | "bus">,
  sessions: SessionRegistry,
  nodeId: string,
  timeoutMs = 10_000,
): Promise<NodeFacts> {
  const cmd = create(CommandSchema, { kind: { case: "refreshFacts", value: {} } });
  const result = await sessions.dispatch(nodeId, cmd, { timeoutMs });
  if (result.status !== CommandStatus.SUCCEEDED || result.result.case !== "facts") {
    const code = FlotillaError.isCode(result.errorCode) ? result.errorCode : "unavailable";
    throw new FlotillaError(code, `refresh facts failed: ${result.errorMessage || CommandStatus[result.status]}`);
  }
  const facts = factsFromWire(result.result.value)!;
  await updateNodeFacts(ctx, nodeId, facts);
  return facts;
}
