import type { ReactNode } from 'react';

/** The longest note, reason or comment the API takes. */
export const TEXT_LIMIT = 4000;

export const FIELD_CLASS =
  'block w-full rounded-md border border-line-strong bg-canvas px-2 py-1.5 text-sm ' +
  'focus:border-accent focus:outline-none focus:ring-1 focus:ring-accent aria-invalid:border-danger';

/**
 * A labelled free-text field (a note, a reason) that says whether it is required. `autoFocus`
 * marks it as the field a dialog focuses first; `children` go under it (hints, errors).
 */
export function TextareaField({
  id,
  label,
  required = false,
  value,
  onValueChange,
  rows,
  placeholder,
  autoFocus,
  invalid,
  describedBy,
  children,
}: {
  id: string;
  label: string;
  required?: boolean;
  value: string;
  onValueChange(value: string): void;
  rows: number;
  placeholder: string;
  autoFocus?: boolean;
  invalid?: boolean;
  describedBy?: string;
  children?: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label} <span className="font-normal text-fg-muted">({required ? 'required' : 'optional'})</span>
      </label>
      <textarea
        id={id}
        data-autofocus={autoFocus}
        value={value}
        maxLength={TEXT_LIMIT}
        rows={rows}
        placeholder={placeholder}
        aria-required={required || undefined}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(event) => onValueChange(event.target.value)}
        className={`${FIELD_CLASS} resize-y`}
      />
      {children}
    </div>
  );
}
