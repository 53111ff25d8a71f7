'use client';

import { useId } from 'react';
import { formatPath, type JsonPath } from '@/lib/json-tools/json-path';
import { blankLike, convertToKind, emptyValue, type JsonObject, kindOf } from '@/lib/json-tools/json-value';
import { AddFieldControl, AddItemControl } from './edit-form-add-controls';
import { NumberInput, SMALL_BUTTON_CLASS, StringInput, TypeSelect } from './edit-form-inputs';

/** Every edit goes through the form root, which owns the one immutable value. */
export type FieldActions = {
  changeAt(path: JsonPath, next: unknown): void;
  removeAt(path: JsonPath): void;
  /** Formatted paths (`vendor.name`) to mark as conflicted. */
  highlighted: ReadonlySet<string>;
};

export function ObjectFields({ path, value, actions }: { path: JsonPath; value: JsonObject; actions: FieldActions }) {
  const keys = Object.keys(value);
  return (
    <div className="space-y-0.5">
      {keys.map((key) => (
        <EditFormField key={key} path={[...path, key]} value={value[key]} actions={actions} />
      ))}
      <AddFieldControl
        path={path}
        existingKeys={keys}
        onAdd={(name, kind) => actions.changeAt([...path, name], emptyValue(kind))}
      />
    </div>
  );
}

function ArrayItems({ path, value, actions }: { path: JsonPath; value: unknown[]; actions: FieldActions }) {
  const hasLast = value.length > 0;
  const last = value[value.length - 1];
  return (
    <div className="space-y-0.5">
      {value.map((item, index) => (
        <EditFormField key={index} path={[...path, index]} value={item} actions={actions} />
      ))}
      <AddItemControl
        path={path}
        defaultKind={hasLast ? kindOf(last) : 'string'}
        // A new item shaped like the last one saves retyping every key of a line item.
        onAdd={(kind) =>
          actions.changeAt(
            [...path, value.length],
            hasLast && kindOf(last) === kind ? blankLike(last) : emptyValue(kind),
          )
        }
      />
    </div>
  );
}

function EditFormField({ path, value, actions }: { path: JsonPath; value: unknown; actions: FieldActions }) {
  const id = useId();
  const labelId = `${id}-label`;
  const conflictId = `${id}-conflict`;
  const pathText = formatPath(path);
  const kind = kindOf(value);
  const conflicted = actions.highlighted.has(pathText);
  const describedBy = conflicted ? conflictId : undefined;
  const change = (next: unknown) => actions.changeAt(path, next);
  const isContainer = kind === 'object' || kind === 'array';
  // null has no input of its own: its type select is how a value gets set.
  const hasInput = kind === 'string' || kind === 'number' || kind === 'boolean';

  return (
    <div
      className={
        conflicted
          ? '-mx-1 rounded bg-amber-50 px-1 ring-1 ring-amber-300 dark:bg-amber-950/40 dark:ring-amber-700'
          : ''
      }
    >
      <div className="flex items-center gap-2 py-0.5">
        <PathLabel path={path} id={labelId} htmlFor={hasInput ? id : undefined} />
        {typeof value === 'string' && <StringInput id={id} value={value} onChange={change} describedBy={describedBy} />}
        {typeof value === 'number' && <NumberInput id={id} value={value} onChange={change} describedBy={describedBy} />}
        {typeof value === 'boolean' && (
          <input
            id={id}
            type="checkbox"
            checked={value}
            onChange={(event) => change(event.target.checked)}
            aria-describedby={describedBy}
            className="size-4 accent-blue-600"
          />
        )}
        {value === null && <span className="font-mono text-xs italic text-neutral-500">null</span>}
        {isContainer && <span className="text-xs text-neutral-500">{describeSize(value)}</span>}
        {/* A text input stretches itself; anything else leaves the row's end to the controls. */}
        {kind !== 'string' && <span className="flex-1" />}
        <TypeSelect
          value={kind}
          onChange={(next) => change(convertToKind(value, next))}
          label={`Type of ${pathText}`}
        />
        {conflicted && (
          <span
            id={conflictId}
            className="shrink-0 rounded bg-amber-200 px-1.5 text-xs font-medium text-amber-900 dark:bg-amber-800 dark:text-amber-100"
          >
            Conflict
          </span>
        )}
        <button
          type="button"
          onClick={() => actions.removeAt(path)}
          aria-label={`Remove ${pathText}`}
          className={`${SMALL_BUTTON_CLASS} shrink-0`}
        >
          Remove
        </button>
      </div>
      {isContainer && (
        <fieldset
          aria-labelledby={labelId}
          aria-describedby={describedBy}
          className="ml-1.5 min-w-0 border-l border-neutral-200 pl-3 dark:border-neutral-800"
        >
          {Array.isArray(value) ? (
            <ArrayItems path={path} value={value} actions={actions} />
          ) : (
            <ObjectFields path={path} value={value as JsonObject} actions={actions} />
          )}
        </fieldset>
      )}
    </div>
  );
}

function describeSize(value: unknown): string {
  const count = Array.isArray(value) ? value.length : Object.keys(value as JsonObject).length;
  const noun = Array.isArray(value) ? 'item' : 'field';
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * Shows only the last segment, as the indentation already tells the parent, while the hidden
 * prefix gives assistive technology the full path (`line_items[2].amount`).
 */
function PathLabel({ path, id, htmlFor }: { path: JsonPath; id: string; htmlFor: string | undefined }) {
  const full = formatPath(path);
  const own = formatPath(path.slice(-1));
  const text = (
    <>
      <span className="sr-only">{full.slice(0, full.length - own.length)}</span>
      {own}
    </>
  );
  const className = 'w-36 shrink-0 truncate font-mono text-xs text-neutral-700 dark:text-neutral-300';
  return htmlFor ? (
    <label id={id} htmlFor={htmlFor} className={className} title={full}>
      {text}
    </label>
  ) : (
    <span id={id} className={className} title={full}>
      {text}
    </span>
  );
}
