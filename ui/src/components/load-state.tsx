/**
 * LoadState renders loading, "not available" and error states of a fetch.
 * It renders nothing once data is there.
 */

/** LoadStateProps is the part of a fetch/list state it needs. */
export interface LoadStateProps {
  loading: boolean;
  error: string | null;
  unavailable: boolean;
  what?: string;
  empty?: boolean;
}

/** LoadState shows the state of a fetch. */
export function LoadState(p: LoadStateProps) {
  if (p.unavailable) return <p class="muted">{p.what ?? "This"} is not available on this server.</p>;
  if (p.error)
    return (
      <p class="error" role="alert">
        {p.error}
      </p>
    );
  if (p.loading && p.empty !== false)
    return (
      <p class="muted" aria-live="polite">
        <span class="spinner" aria-hidden="true" /> Loading…
      </p>
    );
  if (p.empty) return <p class="muted">Nothing here yet.</p>;
  return null;
}
