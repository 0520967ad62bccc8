import type { ComponentChildren } from 'preact';
import { fieldError, messageOf } from '../lib/api.js';

/** A labelled input whose API validation message (by field path) shows under it. */
export function Field(p: {
  label: string;
  name: string;
  error: unknown;
  type?: 'text' | 'password' | 'number' | 'datetime-local';
  value?: string | undefined;
  required?: boolean;
  autocomplete?: string;
  min?: string;
  step?: string;
  hint?: string;
}) {
  const message = fieldError(p.error, p.name);
  // Preact's input types split by `type`; this one input serves several, checked by the browser.
  const type = (p.type ?? 'text') as 'text';
  const describedBy = [p.hint && `${p.name}-hint`, message && `${p.name}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={`f-${p.name}`}>{p.label}</label>
      <input
        id={`f-${p.name}`}
        name={p.name}
        type={type}
        value={p.value}
        required={p.required}
        autocomplete={p.autocomplete}
        min={p.min}
        step={p.step}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy}
      />
      {p.hint && <small id={`${p.name}-hint`}>{p.hint}</small>}
      {message && (
        <small class="error" id={`${p.name}-error`}>
          {message}
        </small>
      )}
    </div>
  );
}

/** The form-wide message: what failed that no single field explains. */
export function FormError({ error }: { error: unknown }) {
  if (!error || fieldErrorsOnly(error)) return null;
  return (
    <p class="error" role="alert">
      {messageOf(error)}
    </p>
  );
}

const fieldErrorsOnly = (e: unknown): boolean =>
  (e as { problem?: { code?: string } }).problem?.code === 'validation_failed';

/** The values of a submitted form, by name. */
export const formValues = (e: Event): Record<string, string> =>
  Object.fromEntries([...new FormData(e.currentTarget as HTMLFormElement)].map(([k, v]) => [k, String(v)]));

export function Actions({ children }: { children: ComponentChildren }) {
  return <div class="actions">{children}</div>;
}
