/**
 * Host census types and their diff. This file has no imports so the master
 * can use it for GET /nodes/{id}/census/diff without the worker runtime.
 */

/** CensusOs is the parsed os-release of a host. */
export interface CensusOs {
  id: string;
  name: string;
  version_id: string;
  pretty_name: string;
}

/** CensusPackage is one installed package. */
export interface CensusPackage {
  name: string;
  version: string;
}

/** CensusSocket is one listening socket; address "0.0.0.0" or "::" means all interfaces. */
export interface CensusSocket {
  proto: "tcp" | "udp";
  address: string;
  port: number;
  /** Owning process name, "" when unknown. */
  process: string;
}

/** CensusUser is one local account with a login shell (or uid 0). */
export interface CensusUser {
  name: string;
  uid: number;
  shell: string;
}

/** Census is the snapshot stored by the host-census scanner. */
export interface Census {
  os: CensusOs;
  kernel: string;
  packages: CensusPackage[];
  listening: CensusSocket[];
  users: CensusUser[];
}

/** CensusDiff lists what changed between two censuses of one host. */
export interface CensusDiff {
  packages: {
    added: CensusPackage[];
    removed: CensusPackage[];
    changed: { name: string; from: string; to: string }[];
  };
  listening: { added: CensusSocket[]; removed: CensusSocket[] };
  users: { added: CensusUser[]; removed: CensusUser[] };
}

/** socketKey identifies a listening socket independent of its owner. */
export function socketKey(s: Pick<CensusSocket, "proto" | "address" | "port">): string {
  return `${s.proto} ${s.address.includes(":") ? `[${s.address}]` : s.address}:${s.port}`;
}

function byKey<T>(items: readonly T[] | undefined, key: (t: T) => string): Map<string, T> {
  const m = new Map<string, T>();
  for (const it of items ?? []) m.set(key(it), it);
  return m;
}

function added<T>(prev: Map<string, T>, next: Map<string, T>): T[] {
  return [...next].filter(([k]) => !prev.has(k)).map(([, v]) => v);
}

/**
 * diffCensus compares two censuses: packages by name (version changes are
 * "changed"), listening sockets by proto/address/port, users by name.
 * A missing `prev` (first census) reports everything as added.
 */
export function diffCensus(prev: Partial<Census> | null | undefined, next: Partial<Census>): CensusDiff {
  const pp = byKey(prev?.packages, (p) => p.name);
  const np = byKey(next.packages, (p) => p.name);
  const changed: CensusDiff["packages"]["changed"] = [];
  for (const [name, p] of np) {
    const old = pp.get(name);
    if (old && old.version !== p.version) changed.push({ name, from: old.version, to: p.version });
  }
  const pl = byKey(prev?.listening, socketKey);
  const nl = byKey(next.listening, socketKey);
  const pu = byKey(prev?.users, (u) => u.name);
  const nu = byKey(next.users, (u) => u.name);
  return {
    packages: { added: added(pp, np), removed: added(np, pp), changed },
    listening: { added: added(pl, nl), removed: added(nl, pl) },
    users: { added: added(pu, nu), removed: added(nu, pu) },
  };
}
