/**
 * ContainerLogs follows a container's output over
 * WebSocket /api/v1/nodes/{id}/containers/{cid}/logs/ws, falling back to
 * the last lines from GET …/logs when live follow is not available. Each
 * line carries the engine's time of it; a toggle shows or hides it (also in
 * the download).
 */
import type { VNode } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { api, describeError, isNotFound } from "../api.js";
import { useFetch } from "../lib/use-fetch.js";
import { useTitleName } from "../lib/title.js";
import { nodeName } from "../lib/names.js";
import type { Container, Page } from "../types.js";

const MAX_LINES = 2000;

/** LogLine is one output line with the engine's time of it, when known. */
interface LogLine {
  text: string;
  ts?: string;
}

function linesOf(data: unknown, ts?: string): LogLine[] {
  if (typeof data === "string") {
    try {
      return linesOf(JSON.parse(data));
    } catch {
      return data
        .split("\n")
        .filter((l) => l.length > 0)
        .map((text) => (ts ? { text, ts } : { text }));
    }
  }
  if (Array.isArray(data)) return data.flatMap((d) => linesOf(d));
  if (data && typeof data === "object") {
    const o = data as Record<string, unknown>;
    const stamp = typeof o.ts === "string" ? o.ts : ts;
    if (typeof o.text === "string") return [stamp ? { text: o.text, ts: stamp } : { text: o.text }];
    const v = o.lines ?? o.items ?? o.line ?? o.data ?? o.message;
    if (v !== undefined) return linesOf(v, stamp);
  }
  return [];
}

/** shown is a line as displayed: with its time in front when timestamps are on. */
const shown = (l: LogLine, stamps: boolean) => (stamps && l.ts ? `${l.ts} ${l.text}` : l.text);

/** RETRY_MS is how soon following resumes after the stream ended (e.g. the container restarted). */
const RETRY_MS = 1500;

/** ContainerLogs is the live log page of one container. */
export function ContainerLogs({ nodeId, containerId }: { nodeId: string; containerId: string }) {
  const [lines, setLines] = useState<LogLine[]>([]);
  const [stamps, setStamps] = useState(() => localStorage.getItem("flotilla.logs.timestamps") === "1");
  const [state, setState] = useState("connecting");
  const [follow, setFollow] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const [find, setFind] = useState("");
  const inventory = useFetch<Page<Container>>(`/nodes/${encodeURIComponent(nodeId)}/containers`, { limit: 500 });
  const name = inventory.data?.items?.find((c) => c.id === containerId || c.id.startsWith(containerId))?.name?.replace(/^\//, "");
  useTitleName(name);
  const pre = useRef<HTMLPreElement>(null);
  // Unix seconds up to which output was received; a resumed stream asks from there.
  const upTo = useRef<number | null>(null);
  const base = `/nodes/${encodeURIComponent(nodeId)}/containers/${encodeURIComponent(containerId)}/logs`;

  useEffect(() => {
    if (!follow) {
      setState("not following");
      return;
    }
    const add = (more: LogLine[]) => more.length && setLines((l) => [...l, ...more].slice(-MAX_LINES));
    const proto = location.protocol === "https:" ? "wss:" : "ws:";
    const q = upTo.current === null ? "tail=200" : `since=${upTo.current}`;
    const ws = new WebSocket(`${proto}//${location.host}/api/v1${base}/ws?${q}`);
    let opened = false;
    let done = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    ws.onopen = () => {
      opened = true;
      setState("following");
    };
    ws.onmessage = (m) => {
      if (done || typeof m.data !== "string") return;
      upTo.current = Math.floor(Date.now() / 1000);
      add(linesOf(m.data));
    };
    ws.onclose = (e) => {
      if (done) return;
      if (opened || upTo.current !== null) {
        // The stream ends when the container stops or restarts: keep following.
        upTo.current ??= Math.floor(Date.now() / 1000);
        setState(`${e.reason ? `stream ended (${e.reason})` : "stream ended"}; resuming…`);
        retry = setTimeout(() => setAttempt((n) => n + 1), RETRY_MS);
        return;
      }
      api
        .get<unknown>(base, { tail: 200 })
        .then((r) => {
          add(linesOf(r));
          setState("live follow unavailable; showing the last lines");
        })
        .catch((err) => setState(isNotFound(err) ? "logs are not available on this server" : describeError(err)));
    };
    return () => {
      done = true;
      clearTimeout(retry);
      ws.close();
    };
  }, [base, follow, attempt]);

  useEffect(() => {
    if (follow && pre.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [lines, follow]);

  const needle = find.trim().toLowerCase();
  const texts = lines.map((l) => shown(l, stamps));
  const hits = needle ? texts.filter((l) => l.toLowerCase().includes(needle)).length : 0;
  const toggleStamps = (on: boolean) => {
    setStamps(on);
    localStorage.setItem("flotilla.logs.timestamps", on ? "1" : "0");
  };
  const download = () => {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([texts.join("\n") + "\n"], { type: "text/plain" }));
    a.download = `${name ?? containerId.slice(0, 12)}.log`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  return (
    <section>
      <h1>Logs of {name ?? containerId.slice(0, 12)}</h1>
      <p>
        <a href={`#/nodes/${encodeURIComponent(nodeId)}`}>← node {nodeName(nodeId)}</a>{" "}
        <span class="muted small" title="Container id">
          {containerId.slice(0, 12)}
        </span>
      </p>
      <div class="filters" role="search">
        <label>
          Find in output
          <input type="search" value={find} onInput={(e) => setFind(e.currentTarget.value)} />
        </label>
        <span class="muted" data-testid="line-count">
          {lines.length} {lines.length === 1 ? "line" : "lines"}
          {needle && ` · ${hits} matching`}
        </span>
        <button type="button" class="btn btn-plain" onClick={download} disabled={lines.length === 0}>
          Download
        </button>
      </div>
      <div class="row">
        <span class="muted" aria-live="polite" data-testid="log-state">
          {state}
        </span>
        <span class="spacer" />
        <label class="inline">
          <input type="checkbox" checked={stamps} onChange={(e) => toggleStamps(e.currentTarget.checked)} /> Timestamps
        </label>
        <label class="inline">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.currentTarget.checked)} /> Follow
        </label>
      </div>
      <pre ref={pre} class="logs" tabIndex={0} aria-label="Container output">
        {needle ? texts.map((l, i) => <Line key={i} text={l} needle={needle} />) : texts.join("\n") || " "}
      </pre>
    </section>
  );
}

/** Line is one output line with the matches of `needle` marked. */
function Line({ text, needle }: { text: string; needle: string }) {
  const parts: (string | VNode)[] = [];
  const low = text.toLowerCase();
  let at = 0;
  for (let i = low.indexOf(needle); i !== -1; i = low.indexOf(needle, at)) {
    parts.push(text.slice(at, i), <mark key={i}>{text.slice(i, i + needle.length)}</mark>);
    at = i + needle.length;
  }
  parts.push(text.slice(at), "\n");
  return <>{parts}</>;
}
