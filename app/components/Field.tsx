import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

type Common = { label: string; name: string; errors?: string[] | null; hint?: ReactNode; id?: string };

function describedBy(id: string, hint: ReactNode, errors?: string[] | null) {
  return [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

function FieldShell({ id, label, hint, errors, children, required }: Common & { id: string; children: ReactNode; required?: boolean }) {
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
      {errors?.length ? (
        <p className="field-error" id={`${id}-error`}>
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input with its hint and its French error, wired for screen readers. */
export function TextField({ label, name, errors, hint, id, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const fieldId = id ?? `f-${name}`;
  return (
    <FieldShell id={fieldId} label={label} name={name} hint={hint} errors={errors} required={input.required}>
      <input id={fieldId} name={name} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(fieldId, hint, errors)} {...input} />
    </FieldShell>
  );
}

export function TextAreaField({ label, name, errors, hint, id, ...input }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const fieldId = id ?? `f-${name}`;
  return (
    <FieldShell id={fieldId} label={label} name={name} hint={hint} errors={errors} required={input.required}>
      <textarea id={fieldId} name={name} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(fieldId, hint, errors)} {...input} />
    </FieldShell>
  );
}

export function SelectField({
  label,
  name,
  errors,
  hint,
  id,
  options,
  ...input
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  const fieldId = id ?? `f-${name}`;
  return (
    <FieldShell id={fieldId} label={label} name={name} hint={hint} errors={errors} required={input.required}>
      <select id={fieldId} name={name} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(fieldId, hint, errors)} {...input}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A message about the whole form (e.g. wrong password), announced when it appears. */
export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div className="alert alert-error" role="alert">
      {message}
    </div>
  );
}
