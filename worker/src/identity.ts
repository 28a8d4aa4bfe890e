import { chmod, mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { createPrivateKey, generateKeyPairSync, X509Certificate } from "node:crypto";
import { join } from "node:path";
import { FlotillaError } from "@flotilla/shared";

/** NodeState is the content of `node.json` in the state dir. */
export interface NodeState {
  node_id: string;
  /** Master address the node enrolled with, HOST:PORT. */
  master: string;
  /** Highest push sequence number ever assigned. */
  seq: number;
}

/** Identity is an enrolled node: its key, certificate, pinned CA and state. */
export interface Identity {
  nodeId: string;
  keyPem: string;
  certPem: string;
  caPem: string;
  state: NodeState;
}

/** StateDir gives access to the files of a worker's state dir. */
export interface StateDir {
  readonly path: string;
  /** loadKey returns node.key, generating an ECDSA P-256 key (mode 0600) when absent. */
  loadOrCreateKey(): Promise<string>;
  /** loadIdentity returns the enrolled identity, or null when the node has not enrolled yet. */
  loadIdentity(): Promise<Identity | null>;
  /** saveEnrollment stores the certificate, the CA and node.json after a successful enrollment. */
  saveEnrollment(nodeId: string, master: string, certPem: string, caPem: string): Promise<Identity>;
  /** saveCertificate replaces node.crt after a renewal. */
  saveCertificate(certPem: string): Promise<void>;
  /** saveState rewrites node.json atomically. */
  saveState(state: NodeState): Promise<void>;
}

/** fileNames are the state dir's file names. */
export const FILES = { key: "node.key", cert: "node.crt", ca: "ca.crt", state: "node.json", spool: "spool" } as const;

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

/** writeAtomic writes a file through a temporary name and a rename, with the given mode. */
export async function writeAtomic(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, data, { mode });
  await chmod(tmp, mode);
  await rename(tmp, path);
}

/** generateNodeKey makes a fresh ECDSA P-256 private key as PKCS#8 PEM. */
export function generateNodeKey(): string {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  return privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

/** parseKey reads node.key, with an error that names the file when it is damaged. */
function parseKey(pem: string) {
  try {
    return createPrivateKey(pem);
  } catch (err) {
    throw new Error(`${FILES.key} is not a readable private key (${(err as Error).message})`, { cause: err });
  }
}

/** parseNodeState validates the JSON of node.json. */
export function parseNodeState(text: string): NodeState {
  const j = JSON.parse(text) as Partial<NodeState>;
  if (typeof j.node_id !== "string" || !j.node_id) throw new Error("node_id missing");
  if (typeof j.master !== "string") throw new Error("master missing");
  const seq = typeof j.seq === "number" && Number.isSafeInteger(j.seq) && j.seq >= 0 ? j.seq : 0;
  return { node_id: j.node_id, master: j.master, seq };
}

/**
 * openStateDir creates the state dir (mode 0700) if needed and returns
 * accessors for its files. The private key never leaves this directory.
 */
export async function openStateDir(path: string): Promise<StateDir> {
  await mkdir(path, { recursive: true, mode: 0o700 });
  await chmod(path, 0o700);
  const p = (name: string) => join(path, name);

  async function loadOrCreateKey(): Promise<string> {
    if (await exists(p(FILES.key))) {
      await chmod(p(FILES.key), 0o600);
      const pem = await readFile(p(FILES.key), "utf8");
      try {
        parseKey(pem);
      } catch (err) {
        throw new FlotillaError("invalid_argument", `state dir ${path} holds a broken identity: ${(err as Error).message}`, [], { cause: err });
      }
      return pem;
    }
    const pem = generateNodeKey();
    await writeAtomic(p(FILES.key), pem, 0o600);
    return pem;
  }

  async function loadIdentity(): Promise<Identity | null> {
    if (!(await exists(p(FILES.state)))) return null;
    try {
      const state = parseNodeState(await readFile(p(FILES.state), "utf8"));
      const [keyPem, certPem, caPem] = await Promise.all([FILES.key, FILES.cert, FILES.ca].map((f) => readFile(p(f), "utf8")));
      new X509Certificate(certPem!);
      new X509Certificate(caPem!);
      parseKey(keyPem!);
      return { nodeId: state.node_id, keyPem: keyPem!, certPem: certPem!, caPem: caPem!, state };
    } catch (err) {
      throw new FlotillaError("invalid_argument", `state dir ${path} holds a broken identity: ${(err as Error).message}`, [], { cause: err });
    }
  }

  async function saveState(state: NodeState): Promise<void> {
    await writeAtomic(p(FILES.state), JSON.stringify(state, null, 2) + "\n", 0o600);
  }

  async function saveEnrollment(nodeId: string, master: string, certPem: string, caPem: string): Promise<Identity> {
    const keyPem = await loadOrCreateKey();
    await writeAtomic(p(FILES.ca), caPem, 0o644);
    await writeAtomic(p(FILES.cert), certPem, 0o644);
    const state: NodeState = { node_id: nodeId, master, seq: 0 };
    await saveState(state);
    return { nodeId, keyPem, certPem, caPem, state };
  }

  async function saveCertificate(certPem: string): Promise<void> {
    await writeAtomic(p(FILES.cert), certPem, 0o644);
  }

  return { path, loadOrCreateKey, loadIdentity, saveEnrollment, saveCertificate, saveState };
}
