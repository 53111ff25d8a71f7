'use client';

import { useState } from 'react';
import { JSON_KINDS, type JsonKind } from '@/lib/json-tools/json-value';

export const INPUT_CLASS =
  'min-w-0 rounded border border-neutral-300 bg-white px-2 py-0.5 font-mono text-xs text-neutral-900 ' +
  'focus:border-blue-500 focus:outline-none focus:ring-1 focus:ring-blue-500 ' +
  'aria-invalid:border-red-500 dark:border-neutral-700 dark:bg-neutral-950 dark:text-neutral-100';

export const SMALL_BUTTON_CLASS =
  'rounded border border-neutral-300 bg-white px-2 py-0.5 text-xs text-neutral-700 hover:bg-neutral-50 ' +
  'disabled:cursor-not-allowed disabled:opacity-50 dark:border-neutral-700 dark:bg-neutral-900 dark:text-neutral-300';

type InputProps<T> = { id: string; value: T; onChange(next: T): void; describedBy?: string | undefined };

/** Past this length, or with a line break, a string is prose and gets a textarea. */
const LONG_STRING = 80;

export function StringInput({ id, value, onChange, describedBy }: InputProps<string>) {
  // Decided once: swapping the element while the reviewer types would take their focus away.
  const [multiline] = useState(() => value.length > LONG_STRING || value.includes('\n'));
  if (multiline) {
    return (
      <textarea
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy}
        rows={2}
        className={`${INPUT_CLASS} field-sizing-content max-h-64 w-full flex-1 resize-y`}
      />
    );
  }
  return (
    <input
      id={id}
      type="text"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      aria-describedby={describedBy}
      className={`${INPUT_CLASS} w-full flex-1`}
    />
  );
}

/**
 * Keeps the reviewer's own text ("1.", "-", "1.50") while it is not yet a number, and only
 * reports finite numbers upward.
 */
export function NumberInput({ id, value, onChange, describedBy }: InputProps<number>) {
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(String(value));
  }
  const valid = isNumberText(text);
  const errorId = `${id}-error`;
  return (
    <>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={text}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          if (!isNumberText(next)) return;
          setShown(Number(next));
          onChange(Number(next));
        }}
        aria-invalid={!valid}
        aria-describedby={[describedBy, valid ? undefined : errorId].filter(Boolean).join(' ') || undefined}
        className={`${INPUT_CLASS} w-32`}
      />
      {!valid && (
        <span id={errorId} className="text-xs text-red-700 dark:text-red-400">
          Not a number
        </span>
      )}
    </>
  );
}

function isNumberText(text: string): boolean {
  return text.trim() !== '' && Number.isFinite(Number(text));
}

export function TypeSelect({
  value,
  onChange,
  label,
}: {
  value: JsonKind;
  onChange(next: JsonKind): void;
  label: string;
}) {
  return (
    <select
      aria-label={label}
      value={value}
      onChange={(event) => onChange(event.target.value as JsonKind)}
      className={`${INPUT_CLASS} w-20 shrink-0 font-sans text-neutral-600`}
    >
      {JSON_KINDS.map((kind) => (
        <option key={kind} value={kind}>
          {kind}
        </option>
      ))}
    </select>
  );
}
