import { errors, validateLabel, type FieldViolation } from "@flotilla/shared";

/** MAX_LABELS bounds the labels of one node or join token. */
export const MAX_LABELS = 64;

/** labelViolations checks the label count and every label, naming each bad one under `field`. */
export function labelViolations(labels: Record<string, string>, field = "labels"): FieldViolation[] {
  const details: FieldViolation[] = [];
  if (Object.keys(labels).length > MAX_LABELS) return [{ field, message: `at most ${MAX_LABELS} labels` }];
  for (const [k, v] of Object.entries(labels)) {
    try {
      validateLabel(k, v);
    } catch (err) {
      details.push({ field: `${field}.${k}`, message: err instanceof Error ? err.message : "invalid label" });
    }
  }
  return details;
}

/** checkLabels throws invalid_argument with one violation per bad label, or when there are too many. */
export function checkLabels(labels: Record<string, string>, field = "labels"): void {
  const details = labelViolations(labels, field);
  if (details.length) throw errors.invalid("invalid labels", details);
}
