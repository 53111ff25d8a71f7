'use client';

import { type ReactNode, useMemo, useState } from 'react';
import { deleteIn, setIn } from '@/lib/json-tools/json-path';
import type { JsonObject } from '@/lib/json-tools/json-value';
import { type FieldActions, ObjectFields } from './edit-form-field';
import { RawJsonEditor } from './raw-json-editor';

export type EditFormProps = {
  value: JsonObject;
  onChange(next: JsonObject): void;
  /** Formatted paths (`formatPath`, e.g. `vendor.name`) of conflicted fields, marked for the reviewer. */
  highlightPaths?: readonly string[];
};

type Mode = 'form' | 'raw';

const NO_PATHS: readonly string[] = [];

export function EditForm({ value, onChange, highlightPaths = NO_PATHS }: EditFormProps) {
  const [mode, setMode] = useState<Mode>('form');
  const highlighted = useMemo(() => new Set(highlightPaths), [highlightPaths]);
  const actions: FieldActions = {
    changeAt: (path, next) => onChange(setIn(value, path, next) as JsonObject),
    removeAt: (path) => onChange(deleteIn(value, path) as JsonObject),
    highlighted,
  };

  return (
    <div className="space-y-2 text-sm">
      <fieldset className="inline-flex rounded-md border border-neutral-300 p-0.5 dark:border-neutral-700">
        <legend className="sr-only">Editor mode</legend>
        <ModeButton mode="form" current={mode} onSelect={setMode}>
          Form
        </ModeButton>
        <ModeButton mode="raw" current={mode} onSelect={setMode}>
          Raw JSON
        </ModeButton>
      </fieldset>
      {/* Both stay mounted so half-typed raw JSON survives a look at the form and back. */}
      <div hidden={mode !== 'form'}>
        <ObjectFields path={[]} value={value} actions={actions} />
      </div>
      <div hidden={mode !== 'raw'}>
        <RawJsonEditor value={value} onChange={onChange} />
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
