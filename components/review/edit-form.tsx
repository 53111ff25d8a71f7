'use client';

import { type ReactNode, useCallback, useMemo, useState } from 'react';
import { deleteIn, type JsonPath, setIn } from '@/lib/json-tools/json-path';
import type { JsonObject } from '@/lib/json-tools/json-value';
import { StructureList } from './edit-form-field';
import { RawJsonEditor } from './raw-json-editor';

export type EditFormProps = {
  value: JsonObject;
  /** Applies one change to the value; stable, so lines whose part did not change skip rendering. */
  onUpdate(update: (value: JsonObject) => JsonObject): void;
  /** Formatted paths (`formatPath`, e.g. `vendor.name`) of conflicted fields, marked for the reviewer. */
  highlightPaths?: readonly string[];
};

type Mode = 'form' | 'raw';

const NO_PATHS: readonly string[] = [];

export function EditForm({ value, onUpdate, highlightPaths = NO_PATHS }: EditFormProps) {
  const [mode, setMode] = useState<Mode>('form');
  const highlighted = useMemo(() => new Set(highlightPaths), [highlightPaths]);
  const changeAt = useCallback(
    (path: JsonPath, next: unknown) => onUpdate((current) => setIn(current, path, next) as JsonObject),
    [onUpdate],
  );
  const removeAt = useCallback(
    (path: JsonPath) => onUpdate((current) => deleteIn(current, path) as JsonObject),
    [onUpdate],
  );
  const replace = useCallback((next: JsonObject) => onUpdate(() => next), [onUpdate]);
  // Re-printing a large output as JSON would be the slowest part of every keystroke in the form:
  // the hidden raw view catches up when it is shown again.
  const [rawValue, setRawValue] = useState(value);
  const selectMode = (next: Mode) => {
    if (next === 'form') setRawValue(value);
    setMode(next);
  };

  return (
    <div className="space-y-2 text-sm">
      <fieldset className="inline-flex rounded-md border border-neutral-300 p-0.5 dark:border-neutral-700">
        <legend className="sr-only">Editor mode</legend>
        <ModeButton mode="form" current={mode} onSelect={selectMode}>
          Form
        </ModeButton>
        <ModeButton mode="raw" current={mode} onSelect={selectMode}>
          Raw JSON
        </ModeButton>
      </fieldset>
      {/* Both stay mounted so half-typed raw JSON survives a look at the form and back. */}
      <div hidden={mode !== 'form'}>
        <StructureList value={value} changeAt={changeAt} removeAt={removeAt} highlighted={highlighted} />
      </div>
      <div hidden={mode !== 'raw'}>
        <RawJsonEditor value={mode === 'raw' ? value : rawValue} onChange={replace} />
      </div>
    </div>
  );
}

function ModeButton({
  mode,
  current,
  onSelect,
  children,
}: {
  mode: Mode;
  current: Mode;
  onSelect(mode: Mode): void;
  children: ReactNode;
}) {
  const active = mode === current;
  return (
    <button
      type="button"
      aria-pressed={active}
      onClick={() => onSelect(mode)}
      className={`rounded px-2.5 py-0.5 text-xs ${
        active
          ? 'bg-neutral-900 text-white dark:bg-neutral-100 dark:text-neutral-900'
          : 'text-neutral-600 hover:bg-neutral-100 dark:text-neutral-400 dark:hover:bg-neutral-800'
      }`}
    >
      {children}
    </button>
  );
}
