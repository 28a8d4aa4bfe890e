import type { NodeControl } from "../node-control.js";
import type { ClusterBus } from "./nats.js";

const SUBJECT = "node.deleted";

/**
 * clusterNodeControl wraps this replica's NodeControl so that deleting a
 * node reaches every replica at once: the deleting replica revokes and cuts
 * locally and publishes the deletion; the others revoke the serial and cut
 * the node's streams when the message arrives (well within a second), not
 * when their certificate cache next refreshes.
 */
export function clusterNodeControl(local: NodeControl, bus: ClusterBus): NodeControl {
  bus.subscribe(SUBJECT, (m) => {
    if (typeof m.node_id === "string") local.nodeDeleted(m.node_id, typeof m.serial === "string" ? m.serial : "");
  });
  return {
    ...local,
    nodeDeleted(nodeId, certSerial) {
      local.nodeDeleted(nodeId, certSerial);
      bus.publish(SUBJECT, { node_id: nodeId, serial: certSerial });
    },
  };
}
