import type { MasterContext } from "../context.js";
import type { DbWrite } from "../db/types.js";

/** NodeRecord is one stored node (a worker host with its certificate). */
export interface NodeRecord {
  id: string;
  name: string;
  hostname: string;
  machineId: string;
  os: string;
  osVersion: string;
  kernel: string;
  arch: string;
  cpus: number;
  memoryBytes: bigint;
  agentVersion: string;
  /** JSON array of addresses. */
  addresses: string;
  status: string;
  certSerial: string;
  certExpiresAt: Date;
  publicKeySha256: string | null;
  tokenId: string | null;
  enrolledAt: Date;
  lastSeenAt: Date | null;
  updatedAt: Date;
  duplicateOf: string | null;
}

/** NodeLabelRecord is one label of a node. */
export interface NodeLabelRecord {
  nodeId: string;
  key: string;
  value: string;
}

/** NodeWithLabels is a node with its labels in key order. */
export type NodeWithLabels = NodeRecord & { labels: NodeLabelRecord[] };

/** NodeFactsData are the host-fact columns of a node. */
export type NodeFactsData = Pick<
  NodeRecord,
  "hostname" | "machineId" | "os" | "osVersion" | "kernel" | "arch" | "cpus" | "memoryBytes" | "agentVersion" | "addresses"
>;

/** NodeQuery selects nodes: every field given must match. */
export interface NodeQuery {
  status?: string;
  labels?: Record<string, string>;
  /** Case-insensitive substring of name, hostname or id. */
  q?: string;
}

/** RevocationRecord is a revoked certificate serial and when the revocation takes effect. */
export interface RevocationRecord {
  serial: string;
  nodeId: string;
  revokedAt: Date;
}

/** NewEnrolledNode is the node row an accepted enrollment creates. */
export type NewEnrolledNode = NodeFactsData &
  Pick<NodeRecord, "id" | "name" | "status" | "certSerial" | "certExpiresAt" | "publicKeySha256" | "tokenId"> & {
    labels: Record<string, string>;
  };

/** TokenUse is the outcome of using a join token: the node's twin, or the fresh token row when none was left. */
export type TokenUse<T> = { used: true; duplicateOf: string | null } | { used: false; token: T | null };

const withLabels = { labels: { orderBy: { key: "asc" as const } } };

/** NodeStore is the only code that reads and writes nodes, their labels and revoked certificates. */
export type NodeStore = ReturnType<typeof createNodeStore>;

/** createNodeStore returns the node table operations. */
export function createNodeStore(ctx: Pick<MasterContext, "db"> & Partial<Pick<MasterContext, "provider">>) {
  const { db } = ctx;
  const insensitive = ctx.provider === "postgres" ? ({ mode: "insensitive" } as const) : {};
  const where = (f: NodeQuery, afterId?: string) => {
    const and: object[] = [];
    if (f.status) and.push({ status: f.status });
    for (const [key, value] of Object.entries(f.labels ?? {})) and.push({ labels: { some: { key, value } } });
    if (f.q) {
      and.push({
        OR: [{ name: { contains: f.q, ...insensitive } }, { hostname: { contains: f.q, ...insensitive } }, { id: { contains: f.q, ...insensitive } }],
      });
    }
    if (afterId !== undefined) and.push({ id: { gt: afterId } });
    return { AND: and };
  };

  return {
    get: (id: string): Promise<NodeWithLabels | null> => db.node.findUnique({ where: { id }, include: withLabels }),
    row: (id: string): Promise<NodeRecord | null> => db.node.findUnique({ where: { id } }),
    exists: async (id: string): Promise<boolean> => (await db.node.findUnique({ where: { id }, select: { id: true } })) !== null,
    /** ids returns every node id. */
    ids: async (): Promise<string[]> => (await db.node.findMany({ select: { id: true } })).map((n) => n.id),
    count: (f: NodeQuery = {}): Promise<number> => db.node.count({ where: where(f) }),
    /** all returns every matching node with its labels (unordered). */
    all: (f: NodeQuery): Promise<NodeWithLabels[]> => db.node.findMany({ where: where(f), include: withLabels }),
    /** page returns up to `take` matching nodes in id order after `afterId`. */
    page: (f: NodeQuery, take: number, afterId?: string): Promise<NodeWithLabels[]> =>
      db.node.findMany({ where: where(f, afterId), orderBy: { id: "asc" }, take, include: withLabels }),

    /** countBy counts nodes by status, OS and agent version. */
    async countBy(): Promise<{ status: Map<string, number>; os: Map<string, number>; agentVersion: Map<string, number> }> {
      const [byStatus, byOs, byVersion] = await Promise.all([
        db.node.groupBy({ by: ["status"], _count: { _all: true } }),
        db.node.groupBy({ by: ["os"], _count: { _all: true } }),
        db.node.groupBy({ by: ["agentVersion"], _count: { _all: true } }),
      ]);
      return {
        status: new Map(byStatus.map((r) => [r.status, r._count._all])),
        os: new Map(byOs.map((r) => [r.os, r._count._all])),
        agentVersion: new Map(byVersion.map((r) => [r.agentVersion, r._count._all])),
      };
    },

    /**
     * rename and/or replace labels in one batch transaction (no interactive
     * transaction holding SQLite's write lock between round trips). Returns
     * the renamed row when renamed.
     */
    async update(id: string, name: string | undefined, labels: NodeLabelRecord[] | null): Promise<NodeRecord | undefined> {
      const ops: DbWrite[] = [];
      if (name !== undefined) ops.push(db.node.update({ where: { id }, data: { name } }));
      if (labels) {
        ops.push(db.nodeLabel.deleteMany({ where: { nodeId: id } }));
        if (labels.length) ops.push(db.nodeLabel.createMany({ data: labels }));
      }
      const done = ops.length ? await db.$transaction(ops) : [];
      return name !== undefined ? (done[0] as NodeRecord) : undefined;
    },

    /** removeRevoking deletes a node and revokes its certificate, in one transaction. */
    removeRevoking: (node: Pick<NodeRecord, "id" | "certSerial" | "certExpiresAt">): Promise<void> =>
      db.$transaction(async (tx) => {
        await tx.revokedCert.upsert({
          where: { serial: node.certSerial },
          create: { serial: node.certSerial, nodeId: node.id, expiresAt: node.certExpiresAt },
          update: {},
        });
        await tx.node.delete({ where: { id: node.id } });
      }),

    /** enrolledWith finds the node a token and public key already enrolled. */
    enrolledWith: async (tokenId: string, publicKeySha256: string): Promise<string | undefined> =>
      (await db.node.findFirst({ where: { tokenId, publicKeySha256 }, select: { id: true } }))?.id,

    setCert: async (id: string, certSerial: string, certExpiresAt: Date): Promise<void> =>
      void (await db.node.update({ where: { id }, data: { certSerial, certExpiresAt } })),

    setFacts: async (id: string, data: NodeFactsData): Promise<void> => void (await db.node.update({ where: { id }, data })),

    /**
     * createEnrolled uses join token `tokenId` once (one conditional UPDATE,
     * so concurrent use of a single-use token yields exactly one node) and
     * creates the node, in one transaction. The node's twin is the oldest node
     * with the same machine id. When no use was left nothing is written.
     */
    createEnrolled: <T>(tokenId: string, now: Date, node: NewEnrolledNode): Promise<TokenUse<T>> =>
      db.$transaction(async (tx): Promise<TokenUse<T>> => {
        const taken = await tx.joinToken.updateMany({
          where: { id: tokenId, revokedAt: null, expiresAt: { gt: now }, OR: [{ maxUses: 0 }, { uses: { lt: tx.joinToken.fields.maxUses } }] },
          data: { uses: { increment: 1 } },
        });
        if (taken.count !== 1) return { used: false, token: (await tx.joinToken.findUnique({ where: { id: tokenId } })) as T | null };
        const twin = await tx.node.findFirst({ where: { machineId: node.machineId }, orderBy: { enrolledAt: "asc" }, select: { id: true } });
        const { labels, ...row } = node;
        await tx.node.create({
          data: { ...row, duplicateOf: twin?.id ?? null, labels: { create: Object.entries(labels).map(([key, value]) => ({ key, value })) } },
        });
        return { used: true, duplicateOf: twin?.id ?? null };
      }),

    /**
     * renew stores a node's new certificate and revokes, effective at
     * `revokeAt`, the serials `superseded` picks from the certificate recorded
     * before, in one transaction. Returns those serials; null for an unknown node.
     */
    renew: (
      nodeId: string,
      next: { serial: string; expiresAt: Date },
      revokeAt: Date,
      superseded: (prior: { serial: string; expiresAt: Date }) => Map<string, Date>,
    ): Promise<string[] | null> =>
      db.$transaction(async (tx) => {
        const prior = await tx.node.findUnique({ where: { id: nodeId }, select: { certSerial: true, certExpiresAt: true } });
        if (!prior) return null;
        await tx.node.update({ where: { id: nodeId }, data: { certSerial: next.serial, certExpiresAt: next.expiresAt } });
        const revoke = superseded({ serial: prior.certSerial, expiresAt: prior.certExpiresAt });
        for (const [serial, expiresAt] of revoke)
          await tx.revokedCert.upsert({ where: { serial }, create: { serial, nodeId, revokedAt: revokeAt, expiresAt }, update: {} });
        return [...revoke.keys()];
      }),

    /** revocations returns the revoked certificates that have not expired yet. */
    revocations: (): Promise<RevocationRecord[]> =>
      db.revokedCert.findMany({ where: { expiresAt: { gt: new Date() } }, select: { serial: true, nodeId: true, revokedAt: true } }),

    /** markAllOffline sets every node offline (a master starting knows of no live stream yet). */
    markAllOffline: async (): Promise<void> =>
      void (await db.node.updateMany({ where: { status: { not: "offline" } }, data: { status: "offline" } })),

    /** onlineNodes lists the nodes the database shows online, with their last sighting and holder. */
    onlineNodes: (): Promise<Array<Pick<NodeRecord, "id" | "lastSeenAt"> & { heldBy: string | null }>> =>
      db.node.findMany({ where: { status: "online" }, select: { id: true, lastSeenAt: true, heldBy: true } }),

    /**
     * takeOffline sets nodes offline if they are still online and still
     * held by the replica they were seen with (a node claimed by another
     * replica since is left alone); returns the ids it took offline.
     */
    takeOffline: async (nodes: Array<{ id: string; heldBy: string | null }>): Promise<string[]> => {
      const taken: string[] = [];
      for (const heldBy of new Set(nodes.map((n) => n.heldBy))) {
        const ids = nodes.filter((n) => n.heldBy === heldBy).map((n) => n.id);
        const rows = await db.node.updateManyAndReturn({
          where: { id: { in: ids }, status: "online", heldBy },
          data: { status: "offline" },
          select: { id: true },
        });
        taken.push(...rows.map((r) => r.id));
      }
      return taken;
    },

    /**
     * setStatus stores one liveness status for several nodes; `seenAt` also
     * stamps the last sighting. With `owner` (a replica id) an online write
     * records the replica as the holder and an offline write applies only
     * to the nodes that replica still holds. Returns the ids whose status
     * changed: for offline, the nodes taken offline; for online, the ones
     * that were not online before.
     */
    setStatus: async (ids: string[], status: "online" | "offline", seenAt?: Date, owner?: string): Promise<Set<string>> => {
      const seen = seenAt ? { lastSeenAt: seenAt } : {};
      if (status === "offline") {
        const rows = await db.node.updateManyAndReturn({
          where: { id: { in: ids }, ...(owner ? { heldBy: owner } : {}) },
          data: { status, ...seen },
          select: { id: true },
        });
        return new Set(rows.map((r) => r.id));
      }
      const held = owner ? { heldBy: owner } : {};
      const rows = await db.node.updateManyAndReturn({
        where: { id: { in: ids }, status: { not: "online" } },
        data: { status, ...seen, ...held },
        select: { id: true },
      });
      const changed = new Set(rows.map((r) => r.id));
      const rest = ids.filter((id) => !changed.has(id));
      if (rest.length) await db.node.updateMany({ where: { id: { in: rest } }, data: { status, ...seen, ...held } });
      return changed;
    },

    /** setLastSeen stamps the last sighting of several nodes. */
    setLastSeen: async (ids: string[], at: Date): Promise<void> =>
      void (await db.node.updateMany({ where: { id: { in: ids } }, data: { lastSeenAt: at } })),
  };
}
