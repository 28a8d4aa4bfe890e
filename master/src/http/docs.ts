import { createHash } from "node:crypto";

const SCRIPT = `
(async () => {
  const root = document.getElementById("ops");
  const el = (tag, attrs, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const k of kids) e.append(k);
    return e;
  };
  let doc;
  try {
    doc = await (await fetch("/api/v1/openapi.json")).json();
  } catch (err) {
    root.textContent = "Could not load /api/v1/openapi.json: " + err;
    return;
  }
  document.getElementById("title").textContent = doc.info.title + " " + doc.info.version;
  const schemas = doc.components.schemas;
  const resolve = (s) => (s && s.$ref ? schemas[s.$ref.split("/").pop()] : s);
  const byTag = new Map();
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) {
      const tag = (op.tags && op.tags[0]) || "other";
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push({ path, method, op });
    }
  for (const [tag, ops] of [...byTag].sort((a, b) => a[0].localeCompare(b[0]))) {
    root.append(el("h2", {}, tag));
    for (const { path, method, op } of ops) {
      const d = el("details", {});
      d.append(el("summary", {}, el("span", { class: "m " + method }, method.toUpperCase()), " ", el("code", {}, path), " ", op.summary || "", " ", el("span", { class: "role" }, op["x-flotilla-role"] || "")));
      if (op.parameters) d.append(el("h4", {}, "Parameters"), el("pre", {}, op.parameters.map((p) => p.in + " " + p.name + (p.required ? " (required)" : "") + ": " + JSON.stringify(p.schema)).join("\\n")));
      if (op.requestBody) d.append(el("h4", {}, "Request body"), el("pre", {}, JSON.stringify(resolve(op.requestBody.content["application/json"].schema), null, 2)));
      for (const [status, r] of Object.entries(op.responses || {})) {
        const c = r.content && r.content["application/json"];
        d.append(el("h4", {}, "Response " + status + " " + (r.description || "")));
        if (c && !String(status).match(/^[45]/)) d.append(el("pre", {}, JSON.stringify(resolve(c.schema), null, 2)));
      }
      root.append(d);
    }
  }
})();
`;

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #1b1f24; }
details { border: 1px solid #d0d7de; border-radius: 6px; margin: .4rem 0; padding: .4rem .6rem; }
summary { cursor: pointer; }
pre { background: #f6f8fa; padding: .5rem; overflow: auto; }
.m { display: inline-block; min-width: 4.5rem; font-weight: 600; }
.get { color: #0969da; } .post { color: #1a7f37; } .put, .patch { color: #9a6700; } .delete { color: #cf222e; }
.role { float: right; color: #57606a; }
`;

/** DOCS_HTML is the self-contained API reference page served at GET /docs. */
export const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Flotilla API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${STYLE}</style></head>
<body><h1 id="title">Flotilla API</h1>
<p>Generated from <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>. Authenticate with <code>Authorization: Bearer &lt;token or API key&gt;</code>.</p>
<div id="ops">Loading…</div>
<script>${SCRIPT}</script></body></html>`;

/** DOCS_CSP allows exactly the page's inline script and style, nothing from elsewhere. */
export const DOCS_CSP = [
  "default-src 'none'",
  `script-src 'sha256-${createHash("sha256").update(SCRIPT).digest("base64")}'`,
  "style-src 'unsafe-inline'",
  "connect-src 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");
