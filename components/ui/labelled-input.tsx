import type { ComponentProps } from 'react';

const FIELD =
  'h-9 w-full rounded-md border border-line-strong bg-canvas px-3 text-sm text-fg placeholder:text-fg-muted ' +
  'aria-[invalid=true]:border-danger';

/** A required text input with its label above it; `invalid` marks it for assistive technology and in red. */
export function LabelledInput({
  label,
  id,
  onValueChange,
  invalid,
  ...input
}: { label: string; id: string; onValueChange(value: string): void; invalid: boolean } & Omit<
  ComponentProps<'input'>,
  'id' | 'onChange' | 'required' | 'className'
>) {
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        {...input}
        id={id}
        required
        onChange={(event) => onValueChange(event.target.value)}
        aria-invalid={invalid || undefined}
        className={FIELD}
      />
    </div>
  );
}
