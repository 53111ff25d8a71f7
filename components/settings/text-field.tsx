import { FIELD_CLASS } from '../review/textarea-field';

/** A labelled one-line input that says whether it is required. `autoFocus` marks the field a dialog focuses first. */
export function TextField({
  id,
  label,
  value,
  onValueChange,
  type = 'text',
  required = false,
  autoFocus,
  placeholder,
  hint,
  maxLength,
}: {
  id: string;
  label: string;
  value: string;
  onValueChange(value: string): void;
  type?: 'text' | 'email' | 'url' | 'password';
  required?: boolean;
  autoFocus?: boolean;
  placeholder?: string;
  hint?: string;
  maxLength?: number;
}) {
  const hintId = `${id}-hint`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium">
        {label} <span className="font-normal text-fg-muted">({required ? 'required' : 'optional'})</span>
      </label>
      <input
        id={id}
        type={type}
        value={value}
        data-autofocus={autoFocus}
        onChange={(event) => onValueChange(event.target.value)}
        aria-required={required || undefined}
        aria-describedby={hint ? hintId : undefined}
        placeholder={placeholder}
        maxLength={maxLength}
        autoComplete="off"
        spellCheck={false}
        className={FIELD_CLASS}
      />
      {hint && (
        <p id={hintId} className="text-xs text-fg-muted">
          {hint}
        </p>
      )}
    </div>
  );
}
