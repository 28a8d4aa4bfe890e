/**
 * TokenForm creates a join token and shows its join command once.
 */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { parseLabels } from "../lib/format.js";
import type { JoinToken } from "../types.js";
import { CopyButton } from "./copy-button.js";
import { useSubmit } from "../lib/use-submit.js";
import { FormError, SubmitButton } from "./form-parts.js";

/** TokenForm POSTs /enrollment-tokens and calls onCreated. */
export function TokenForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState("");
  const [ttl, setTtl] = useState("3600");
  const [uses, setUses] = useState("1");
  const [labels, setLabels] = useState("");
  const [created, setCreated] = useState<JoinToken | null>(null);

  const { busy, error, submit } = useSubmit(async () => {
    const l = parseLabels(labels);
    if (typeof l === "string") throw new Error(`Labels: ${l}`);
    const body: Record<string, unknown> = { ttl_seconds: Number(ttl), max_uses: Number(uses), labels: l };
    if (name.trim()) body.name = name.trim();
    setCreated(await api.post<JoinToken>("/enrollment-tokens", body));
    onCreated();
  });

  return (
    <div class="card">
      <form class="filters" onSubmit={submit} aria-label="Create join token">
        <label>
          Name
          <input name="name" value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="optional" />
        </label>
        <label>
          Valid for (seconds)
          <input name="ttl_seconds" type="number" min={60} value={ttl} onInput={(e) => setTtl(e.currentTarget.value)} />
        </label>
        <label>
          Uses (0 = unlimited)
          <input name="max_uses" type="number" min={0} value={uses} onInput={(e) => setUses(e.currentTarget.value)} />
        </label>
        <label>
          Labels for new nodes
          <input name="labels" value={labels} onInput={(e) => setLabels(e.currentTarget.value)} placeholder="env=prod" />
        </label>
        <SubmitButton busy={busy}>Create join token</SubmitButton>
      </form>
      <FormError error={error} />
      {created && (
        <div class="secret" role="region" aria-label="New join token">
          <p>
            Run this on the host to enroll it. The token is shown <strong>only once</strong>.
          </p>
          <pre data-testid="join-command">{created.join_command ?? created.token}</pre>
          <CopyButton text={created.join_command ?? created.token ?? ""} label="Copy command" />
        </div>
      )}
    </div>
  );
}
