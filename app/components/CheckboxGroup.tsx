import type { ReactNode } from "react";

/** A fieldset of checkboxes sharing one name (categories, labels…), with its hint and French error. */
export function CheckboxGroup({
  legend,
  name,
  options,
  checked,
  errors,
  hint,
}: {
  legend: string;
  name: string;
  options: readonly { value: string; label: string }[];
  checked: readonly string[];
  errors?: string[] | null;
  hint?: ReactNode;
}) {
  const errorId = `f-${name}-error`;
  return (
    <fieldset aria-describedby={errors?.length ? errorId : undefined}>
      <legend>{legend}</legend>
      {hint ? <p className="field-hint">{hint}</p> : null}
      <div className="grid grid-2">
        {options.map((o) => (
          <label className="checkbox" key={o.value}>
            <input type="checkbox" name={name} value={o.value} defaultChecked={checked.includes(o.value)} />
            {o.label}
          </label>
        ))}
      </div>
      {errors?.length ? (
        <p className="field-error" id={errorId}>
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
