/**
 * Form fields: a labelled text/number input, a labelled select and a
 * labelled tick box, plus the Cancel/submit row every dialog form ends with.
 * Every form builds its rows from these, so labels, hints and attributes
 * stay the same everywhere.
 */
import { SubmitButton } from "./form-parts.js";

/** InputAttrs are the input attributes the forms pass through. */
interface InputAttrs {
  type?: "text" | "url" | "number" | "email" | "password" | "search";
  required?: boolean;
  placeholder?: string;
  name?: string;
  min?: number;
  max?: number;
  step?: string;
  autoComplete?: string;
}

/** TextField is a labelled input; `onValue` receives what is typed. Pass type="number" etc. through the attributes. */
export function TextField({
  label,
  value,
  onValue,
  type = "text",
  ...attrs
}: { label: string; value: string; onValue: (v: string) => void } & InputAttrs) {
  return (
    <label>
      {label}
      {/* The input types' attribute sets differ; these attributes are valid on every type listed. */}
      <input {...attrs} type={type as "text"} value={value} onInput={(e) => onValue(e.currentTarget.value)} />
    </label>
  );
}

/** Option is a select entry: a value shown as is, or a value with its label. */
export type Option = string | { value: string; label: string };

/** SelectField is a labelled select over `options`. */
export function SelectField<V extends string>({
  label,
  value,
  onValue,
  options,
  name,
}: {
  label: string;
  value: V;
  onValue: (v: V) => void;
  options: readonly Option[];
  name?: string;
}) {
  return (
    <label>
      {label}
      <select name={name} value={value} onChange={(e) => onValue(e.currentTarget.value as V)}>
        {options.map((o) => {
          const [v, l] = typeof o === "string" ? [o, o] : [o.value, o.label];
          return (
            <option key={v} value={v}>
              {l}
            </option>
          );
        })}
      </select>
    </label>
  );
}

/** CheckField is a tick box with its label on the same line. */
export function CheckField({ label, checked, onChecked }: { label: string; checked: boolean; onChecked: (on: boolean) => void }) {
  return (
    <label class="inline">
      <input type="checkbox" checked={checked} onChange={(e) => onChecked(e.currentTarget.checked)} /> {label}
    </label>
  );
}

/** FormActions is the Cancel and submit row at the end of a dialog form. */
export function FormActions({ busy, onCancel, submit }: { busy: boolean; onCancel: () => void; submit: string }) {
  return (
    <div class="row end">
      <button type="button" class="btn btn-plain" onClick={onCancel} disabled={busy}>
        Cancel
      </button>
      <SubmitButton busy={busy}>{submit}</SubmitButton>
    </div>
  );
}
