'use client';

import { useId, useState } from 'react';
import { formatPath, type JsonPath } from '@/lib/json-tools/json-path';
import type { JsonKind } from '@/lib/json-tools/json-value';
import { INPUT_CLASS, SMALL_BUTTON_CLASS, TypeSelect } from './edit-form-inputs';

function describeContainer(path: JsonPath): string {
  return path.length === 0 ? 'the output' : formatPath(path);
}

/** Not a <form>: the edit form may itself sit inside one, and forms must not nest. */
export function AddFieldControl({
  path,
  existingKeys,
  onAdd,
}: {
  path: JsonPath;
  existingKeys: readonly string[];
  onAdd(name: string, kind: JsonKind): void;
}) {
  const errorId = useId();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<JsonKind>('string');
  const where = describeContainer(path);
  const duplicate = existingKeys.includes(name);
  const canAdd = name.trim() !== '' && !duplicate;
  const add = () => {
    if (!canAdd) return;
    onAdd(name, kind);
    setName('');
  };
  return (
    <div className="flex flex-wrap items-center gap-2 py-0.5">
      <input
        type="text"
        value={name}
        placeholder="new field"
        onChange={(event) => setName(event.target.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return;
          event.preventDefault();
          add();
        }}
        aria-label={`New field name in ${where}`}
        aria-invalid={duplicate}
        aria-describedby={duplicate ? errorId : undefined}
        className={`${INPUT_CLASS} w-40`}
      />
      <TypeSelect value={kind} onChange={setKind} label={`Type of new field in ${where}`} />
      <button type="button" onClick={add} disabled={!canAdd} className={SMALL_BUTTON_CLASS}>
        Add field
      </button>
      {duplicate && (
        <span id={errorId} className="text-xs text-red-700 dark:text-red-400">
          {where} already has a field named “{name}”
        </span>
      )}
    </div>
  );
}

export function AddItemControl({
  path,
  defaultKind,
  onAdd,
}: {
  path: JsonPath;
  defaultKind: JsonKind;
  onAdd(kind: JsonKind): void;
}) {
  const [kind, setKind] = useState<JsonKind>(defaultKind);
  const where = formatPath(path);
  return (
    <div className="flex items-center gap-2 py-0.5">
      <TypeSelect value={kind} onChange={setKind} label={`Type of new item in ${where}`} />
      <button type="button" onClick={() => onAdd(kind)} className={SMALL_BUTTON_CLASS}>
        Add item<span className="sr-only"> to {where}</span>
      </button>
    </div>
  );
}
