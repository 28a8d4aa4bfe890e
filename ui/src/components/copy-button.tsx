/**
 * CopyButton copies a text to the clipboard and says so.
 */
import { useState } from "preact/hooks";
import { toast } from "../lib/toast.js";

/** CopyButton copies `text` when clicked. */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      toast("Copy failed: select the text and copy it by hand.", "error");
    }
  };
  return (
    <button type="button" class="btn btn-plain" onClick={copy} aria-label={label}>
      {copied ? "Copied" : label}
    </button>
  );
}
