'use client';

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { formatTimeAgo } from '@/lib/format/time';
import { diffJson } from '@/lib/json-tools/json-diff';
import { formatPath, getIn, type JsonPath } from '@/lib/json-tools/json-path';
import { type JsonObject, previewJson } from '@/lib/json-tools/json-value';
import { type MergeConflict, mergeDrafts, resolveConflict } from '@/lib/json-tools/three-way-merge';
import { JsonValueText } from './json-value-text';
import { describeEvent } from './server-change-text';

export type ServerChange = { actorName: string; event: string; at: string };

export type ConflictPanelProps = {
  /** The version the reviewer started from. */
  base: JsonObject;
  /** The reviewer's unsaved draft. */
  mine: JsonObject;
  /** The head the server now has. */
  theirs: JsonObject;
  /** The `last_change` of the `version_conflict` answer. */
  serverChange: ServerChange;
  onApply(merged: JsonObject): void;
  onDiscard(): void;
};

type Side = 'mine' | 'theirs';

function pathKey(path: JsonPath): string {
  return JSON.stringify(path);
}

export function ConflictPanel({ base, mine, theirs, serverChange, onApply, onDiscard }: ConflictPanelProps) {
  const headingId = useId();
  const hintId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [now] = useState(Date.now);
  const [choices, setChoices] = useState<Record<string, Side>>({});
  const { merged, conflicts, carried } = useMemo(() => mergeDrafts({ base, mine, theirs }), [base, mine, theirs]);
  const theirChanges = useMemo(() => diffJson(base, theirs), [base, theirs]);

  // The panel replaces what the reviewer was looking at, so their focus moves to its explanation.
  useEffect(() => headingRef.current?.focus(), []);

  const remaining = conflicts.filter((conflict) => !choices[pathKey(conflict.path)]).length;
  const apply = () =>
    onApply(
      conflicts.reduce((draft, conflict) => {
        const side = choices[pathKey(conflict.path)];
        return resolveConflict(draft, conflict.path, side === 'mine' ? conflict.mine : conflict.theirs);
      }, merged),
    );

  return (
    <section
      aria-labelledby={headingId}
      className="space-y-3 rounded-md border border-amber-300 bg-amber-50/60 p-4 text-sm dark:border-amber-800 dark:bg-amber-950/30"
    >
      <div className="space-y-1">
        <h2 id={headingId} ref={headingRef} tabIndex={-1} className="font-semibold focus:outline-none">
          This review changed while you were editing
        </h2>
        <p>
          <span className="font-medium">{serverChange.actorName}</span> {describeEvent(serverChange.event)} ·{' '}
          <time dateTime={serverChange.at} title={serverChange.at} suppressHydrationWarning>
            {formatTimeAgo(serverChange.at, now)}
          </time>
        </p>
        <p className="text-neutral-700 dark:text-neutral-300">
          {theirChanges.length === 0 ? (
            'No fields of the output changed.'
          ) : (
            <>
              Fields changed: <span className="font-mono text-xs">{listPaths(theirChanges.map((c) => c.path))}</span>
            </>
          )}
        </p>
      </div>

      {carried.length > 0 && <CarriedList carried={carried} mine={mine} />}
      {carried.length === 0 && conflicts.length === 0 && (
        <p className="text-neutral-700 dark:text-neutral-300">Your draft has no changes left to re-apply.</p>
      )}

      {conflicts.length > 0 && (
        <div className="space-y-2">
          <h3 className="font-medium">
            {conflicts.length === 1 ? '1 field' : `${conflicts.length} fields`} changed on both sides — choose which to
            keep
          </h3>
          {conflicts.map((conflict) => (
            <ConflictChoice
              key={pathKey(conflict.path)}
              conflict={conflict}
              theirName={serverChange.actorName}
              choice={choices[pathKey(conflict.path)]}
              onChoose={(side) => setChoices((current) => ({ ...current, [pathKey(conflict.path)]: side }))}
            />
          ))}
        </div>
      )}

      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          onClick={apply}
          disabled={remaining > 0}
          aria-describedby={remaining > 0 ? hintId : undefined}
          className="rounded-md bg-green-700 px-3 py-1 text-sm font-medium text-white hover:bg-green-800 disabled:cursor-not-allowed disabled:opacity-50"
        >
          Re-apply my changes
        </button>
        <button
          type="button"
          onClick={onDiscard}
          className="rounded-md border border-neutral-300 bg-white px-3 py-1 text-sm text-neutral-700 hover:bg-neutral-50 dark:border-neutral-700 dark:bg-neutral-900 dark:text-neutral-300"
        >
          Discard my draft
        </button>
        {remaining > 0 && (
          <span id={hintId} className="text-xs text-neutral-600 dark:text-neutral-400">
            Choose a version for {remaining === 1 ? '1 more field' : `${remaining} more fields`}.
          </span>
        )}
      </div>
    </section>
  );
}

function listPaths(paths: readonly JsonPath[]): string {
  return [...new Set(paths.map(formatPath))].join(', ');
}

function CarriedList({ carried, mine }: { carried: JsonPath[]; mine: JsonObject }) {
  return (
    <div>
      <h3 className="font-medium">Carried over from your draft</h3>
      <ul className="mt-1 space-y-0.5 text-xs">
        {carried.map((path) => {
          const value = getIn(mine, path);
          return (
            <li key={pathKey(path)} className="flex items-baseline gap-2">
              <code className="font-mono">{formatPath(path)}</code>
              <span className="truncate font-mono text-neutral-600 dark:text-neutral-400">
                {value === undefined ? '(removed)' : previewJson(value)}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function ConflictChoice({
  conflict,
  theirName,
  choice,
  onChoose,
}: {
  conflict: MergeConflict;
  theirName: string;
  choice: Side | undefined;
  onChoose(side: Side): void;
}) {
  const name = useId();
  const options: { side: Side; label: string; value: unknown }[] = [
    { side: 'mine', label: 'Keep mine', value: conflict.mine },
    { side: 'theirs', label: `Use ${theirName}’s`, value: conflict.theirs },
  ];
  return (
    <fieldset className="rounded-md border border-neutral-200 bg-white p-3 dark:border-neutral-800 dark:bg-neutral-950">
      <legend className="px-1 font-mono text-xs font-medium">{formatPath(conflict.path)}</legend>
      <div className="mb-2 flex items-baseline gap-2 text-xs text-neutral-600 dark:text-neutral-400">
        <span>When you started:</span>
        <span className="truncate font-mono">
          {conflict.base === undefined ? '(no such field)' : previewJson(conflict.base)}
        </span>
      </div>
      <div className="grid gap-2 sm:grid-cols-2">
        {options.map((option) => {
          const inputId = `${name}-${option.side}`;
          return (
            <div
              key={option.side}
              className={`space-y-1 rounded border p-2 ${
                choice === option.side
                  ? 'border-blue-500 bg-blue-50 dark:bg-blue-950/40'
                  : 'border-neutral-200 dark:border-neutral-800'
              }`}
            >
              <label htmlFor={inputId} className="flex items-center gap-2 font-medium">
                <input
                  id={inputId}
                  type="radio"
                  name={name}
                  value={option.side}
                  checked={choice === option.side}
                  onChange={() => onChoose(option.side)}
                  aria-describedby={`${inputId}-value`}
                  className="accent-blue-600"
                />
                {option.label}
              </label>
              <div id={`${inputId}-value`}>
                <JsonValueText value={option.value} />
              </div>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
