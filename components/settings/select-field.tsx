import { FIELD_CLASS } from '../review/textarea-field';

/** A labelled choice among a few fixed values (a role, a kind); the chosen option's `hint`, if any, shows under it. */
export function SelectField<T extends string>({
  id,
  label,
  value,
  options,
  onValueChange,
}: {
  id: string;
  label: string;
  value: T;
  options: readonly { value: NoInfer<T>; label: string; hint?: string }[];
  onValueChange(value: NoInfer<T>): void;
}) {
  const hintId = `${id}-hint`;
  const hint = options.find((option) => option.value === value)?.hint;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => onValueChange(event.target.value as T)}
        aria-describedby={hint ? hintId : undefined}
        className={FIELD_CLASS}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hint && (
        <p id={hintId} className="text-xs text-fg-muted">
          {hint}
        </p>
      )}
    </div>
  );
}
