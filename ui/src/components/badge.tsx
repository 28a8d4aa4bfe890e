/**
 * Badge shows a status or severity word with a colour.
 */

/** Badge renders `value` styled by its kind. */
export function Badge({ value, testId }: { value: string; testId?: string }) {
  return (
    <span class={`badge badge-${value.replace(/[^a-z_]/gi, "")}`} data-testid={testId}>
      {value.replace(/_/g, " ")}
    </span>
  );
}
