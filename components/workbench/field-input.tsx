'use client';

import { memo, useState } from 'react';
import { INPUT_CLASS } from '@/components/review/edit-form-inputs';
import { cx } from '@/components/ui/class-names';
import type { LeafSpec } from '@/lib/workbench/form-model';

type FieldInputProps = {
  id: string;
  /** The accessible name: the field's full key path, so every input is findable by it. */
  label: string;
  spec: LeafSpec;
  value: unknown;
  onChange(next: unknown): void;
  /** A schema error for this value, shown under the input. */
  error?: string | undefined;
  describedBy?: string | undefined;
  required?: boolean;
  compact?: boolean;
};

/** Past this length, or with a line break, a string is prose and gets a textarea. */
const LONG_STRING = 80;

/**
 * One value, edited with the input its schema asks for. Text the reviewer is still typing that is
 * not yet a value (a half number, an impossible date) stays in the input, marked invalid, and the
 * draft keeps the last valid value.
 */
export const FieldInput = memo(function FieldInput(props: FieldInputProps) {
  const { spec } = props;
  switch (spec.kind) {
    case 'boolean':
      return <BooleanInput {...props} />;
    case 'enum':
      return <EnumInput {...props} />;
    case 'date':
      return <DateInput {...props} />;
    case 'number':
    case 'integer':
      return <NumberText {...props} />;
    case 'json':
      return (
        <output id={props.id} aria-label={props.label} className="block truncate font-mono text-xs text-fg-muted">
          {JSON.stringify(props.value)}
        </output>
      );
    default:
      return <TextInput {...props} />;
  }
});

function describedByOf(props: FieldInputProps, problem: boolean): string | undefined {
  return [props.describedBy, problem ? `${props.id}-error` : undefined].filter(Boolean).join(' ') || undefined;
}

/** In a grid row there is no room below the input: the red border shows it, the text is for screen readers and hover. */
function ErrorText({ id, children, compact }: { id: string; children: string; compact?: boolean | undefined }) {
  return (
    <span id={`${id}-error`} className={compact ? 'sr-only' : 'block text-xs text-red-700 dark:text-red-400'}>
      {children}
    </span>
  );
}

const fieldClass = (compact: boolean | undefined) => cx(INPUT_CLASS, 'w-full', compact ? 'py-0' : 'py-1');

function TextInput(props: FieldInputProps) {
  const { id, label, value, spec, onChange, error, compact } = props;
  const text = typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
  const [multiline] = useState(() => !compact && (text.length > LONG_STRING || text.includes('\n')));
  const common = {
    id,
    'aria-label': label,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedByOf(props, Boolean(error)),
    'aria-required': props.required || undefined,
    placeholder: spec.nullable ? 'null' : undefined,
    value: text,
    onChange: (event: { target: { value: string } }) =>
      onChange(spec.nullable && event.target.value === '' ? null : event.target.value),
  };
  return (
    <>
      {multiline ? (
        <textarea {...common} rows={2} className={cx(fieldClass(compact), 'field-sizing-content max-h-48 resize-y')} />
      ) : (
        <input {...common} type="text" className={fieldClass(compact)} />
      )}
      {error && (
        <ErrorText id={id} compact={compact}>
          {error}
        </ErrorText>
      )}
    </>
  );
}

function NumberText(props: FieldInputProps) {
  const { id, label, value, spec, onChange, error, compact } = props;
  const shownValue = typeof value === 'number' ? String(value) : '';
  const [text, setText] = useState(shownValue);
  const [shown, setShown] = useState(shownValue);
  // A new value from outside (a merge, a revert) replaces what is typed.
  if (shown !== shownValue) {
    setShown(shownValue);
    setText(shownValue);
  }
  const parsed = parseNumber(text, spec);
  const problem = parsed.ok ? error : parsed.problem;
  return (
    <>
      <input
        id={id}
        aria-label={label}
        type="text"
        inputMode={spec.kind === 'integer' ? 'numeric' : 'decimal'}
        value={text}
        placeholder={spec.nullable ? 'null' : undefined}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedByOf(props, Boolean(problem))}
        aria-required={props.required || undefined}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          const result = parseNumber(next, spec);
          if (!result.ok) return;
          setShown(result.value === null ? '' : String(result.value));
          onChange(result.value);
        }}
        className={cx(fieldClass(compact), 'text-right tabular-nums')}
      />
      {problem && (
        <ErrorText id={id} compact={compact}>
          {problem}
        </ErrorText>
      )}
    </>
  );
}

type ParsedNumber = { ok: true; value: number | null } | { ok: false; problem: string };

function parseNumber(text: string, spec: LeafSpec): ParsedNumber {
  if (text.trim() === '') return spec.nullable ? { ok: true, value: null } : { ok: false, problem: 'Required' };
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, problem: 'Not a number' };
  if (spec.kind === 'integer' && !Number.isInteger(value)) return { ok: false, problem: 'Must be a whole number' };
  return { ok: true, value };
}

function BooleanInput(props: FieldInputProps) {
  const { id, label, value, onChange, error, compact } = props;
  return (
    <>
      <input
        id={id}
        aria-label={label}
        type="checkbox"
        checked={value === true}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={describedByOf(props, Boolean(error))}
        className="size-4 accent-blue-600"
      />
      {error && (
        <ErrorText id={id} compact={compact}>
          {error}
        </ErrorText>
      )}
    </>
  );
}

function EnumInput(props: FieldInputProps) {
  const { id, label, value, spec, onChange, error, compact } = props;
  const options = spec.options ?? [];
  const index = options.findIndex((option) => JSON.stringify(option) === JSON.stringify(value));
  return (
    <>
      <select
        id={id}
        aria-label={label}
        value={index === -1 ? '' : String(index)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedByOf(props, Boolean(error))}
        onChange={(event) => {
          const chosen = event.target.value;
          onChange(chosen === '' ? null : options[Number(chosen)]);
        }}
        className={cx(fieldClass(compact), 'font-sans')}
      >
        {(index === -1 || spec.nullable) && (
          <option value="">{index === -1 && value !== null ? `${JSON.stringify(value)} (not allowed)` : '—'}</option>
        )}
        {options.map((option, i) => (
          <option key={JSON.stringify(option)} value={String(i)}>
            {typeof option === 'string' ? option : JSON.stringify(option)}
          </option>
        ))}
      </select>
      {error && (
        <ErrorText id={id} compact={compact}>
          {error}
        </ErrorText>
      )}
    </>
  );
}

/**
 * A date input: the browser refuses an impossible date (31 February) by reporting no value, which
 * here leaves the last valid date in the draft and says so under the input.
 */
function DateInput(props: FieldInputProps) {
  const { id, label, value, spec, onChange, error, compact } = props;
  const [badInput, setBadInput] = useState(false);
  const problem = badInput ? 'Not a valid date' : error;
  return (
    <>
      <input
        id={id}
        aria-label={label}
        type="date"
        value={typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : ''}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedByOf(props, Boolean(problem))}
        onChange={(event) => {
          const input = event.target;
          const bad = input.validity.badInput;
          setBadInput(bad);
          if (bad) return;
          if (input.value === '' && !spec.nullable) {
            setBadInput(true);
            return;
          }
          onChange(input.value === '' ? null : input.value);
        }}
        onBlur={(event) => setBadInput(event.target.validity.badInput)}
        className={cx(fieldClass(compact), 'font-sans')}
      />
      {problem && (
        <ErrorText id={id} compact={compact}>
          {problem}
        </ErrorText>
      )}
    </>
  );
}
