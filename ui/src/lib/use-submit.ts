/**
 * useSubmit runs a form's async action: busy while pending (a second submit
 * is ignored), the error shown inline with the server's message.
 */
import { useState } from "preact/hooks";
import { describeError } from "../api.js";

/** useSubmit returns the busy and error state of `action` and the submit handler. */
export function useSubmit(action: () => Promise<unknown> | unknown) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e?: Event) => {
    e?.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, submit };
}
