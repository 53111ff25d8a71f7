'use client';

import { useId, useState } from 'react';
import { type JsonObject, jsonEqual, parseJsonObject } from '@/lib/json-tools/json-value';
import { INPUT_CLASS } from './edit-form-inputs';

function stringify(value: JsonObject): string {
  return JSON.stringify(value, null, 2);
}

/**
 * Reports every edit that parses to an object. The reviewer's own text (formatting, a half
 * typed key) survives as long as it still means the current value; an edit made elsewhere
 * replaces it.
 */
export function RawJsonEditor({ value, onChange }: { value: JsonObject; onChange(next: JsonObject): void }) {
  const id = useId();
  const errorId = `${id}-error`;
  const [text, setText] = useState(() => stringify(value));
  const [error, setError] = useState<string | null>(null);
  const [seenValue, setSeenValue] = useState(value);
  if (value !== seenValue) {
    setSeenValue(value);
    const parsed = parseJsonObject(text);
    if (!parsed.ok || !jsonEqual(parsed.value, value)) {
      setText(stringify(value));
      setError(null);
    }
  }

  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-neutral-700 dark:text-neutral-300">
        Raw JSON
      </label>
      <textarea
        id={id}
        value={text}
        spellCheck={false}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          const parsed = parseJsonObject(next);
          setError(parsed.ok ? null : parsed.error);
          if (parsed.ok) onChange(parsed.value);
        }}
        aria-invalid={error !== null}
        aria-describedby={error === null ? undefined : errorId}
        rows={20}
        className={`${INPUT_CLASS} block w-full resize-y leading-5`}
      />
      {error !== null && (
        <p id={errorId} className="text-xs text-red-700 dark:text-red-400">
          {error} The form keeps the last valid version until this is fixed.
        </p>
      )}
    </div>
  );
}
