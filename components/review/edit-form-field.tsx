'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useId, useMemo, useRef } from 'react';
import { formatPath, type JsonPath } from '@/lib/json-tools/json-path';
import { blankLike, convertToKind, emptyValue, type JsonObject, kindOf } from '@/lib/json-tools/json-value';
import { AddFieldControl, AddItemControl } from './edit-form-add-controls';
import { NumberInput, SMALL_BUTTON_CLASS, StringInput, TypeSelect } from './edit-form-inputs';
import { flattenStructure, type StructureRow } from './structure-rows';

/** Every edit goes through the form root, whose callbacks are stable while the reviewer types. */
type FieldActions = {
  changeAt(path: JsonPath, next: unknown): void;
  removeAt(path: JsonPath): void;
};

type StructureListProps = FieldActions & {
  value: JsonObject;
  /** Formatted paths (`vendor.name`) to mark as conflicted. */
  highlighted: ReadonlySet<string>;
};

const LINE_HEIGHT = 30;
const INDENT_PX = 16;
/** Lines drawn beyond the visible ones, so a fast scroll does not show blank space. */
const OVERSCAN = 10;

/**
 * The whole value as one list of lines (fields with their type and Remove, and each container's
 * add control), indented by depth. Only the lines in view are in the page, and a line re-renders
 * only when its own part of the value changes, so typing in a 1,000-item output touches one line.
 */
export function StructureList({ value, changeAt, removeAt, highlighted }: StructureListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => flattenStructure(value), [value]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: OVERSCAN,
  });
  return (
    <div
      ref={scrollRef}
      data-testid="structure-editor"
      className="max-h-[36rem] overflow-auto rounded-md border border-line px-2"
    >
      <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className="absolute inset-x-0 top-0"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <StructureLine
                row={row}
                conflicted={row.type === 'field' && highlighted.has(formatPath(row.path))}
                changeAt={changeAt}
                removeAt={removeAt}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}

type StructureLineProps = FieldActions & { row: StructureRow; conflicted: boolean };

const StructureLine = memo(
  function StructureLine({ row, conflicted, changeAt, removeAt }: StructureLineProps) {
    const indent = { marginLeft: row.depth * INDENT_PX };
    if (row.type === 'field') {
      return (
        <div style={indent} className={row.depth > 0 ? 'border-l border-line pl-2' : undefined}>
          <EditFormField
            path={row.path}
            value={row.value}
            conflicted={conflicted}
            changeAt={changeAt}
            removeAt={removeAt}
          />
        </div>
      );
    }
    const { path } = row;
    return (
      <div style={indent} className={row.depth > 0 ? 'border-l border-line pl-2' : undefined}>
        {row.type === 'add-field' ? (
          <AddFieldControl
            path={path}
            existingKeys={Object.keys(row.container)}
            onAdd={(name, kind) => changeAt([...path, name], emptyValue(kind))}
          />
        ) : (
          <AddItemControl
            path={path}
            defaultKind={row.container.length > 0 ? kindOf(row.container.at(-1)) : 'string'}
            // A new item shaped like the last one saves retyping every key of a line item.
            onAdd={(kind) => {
              const last = row.container.at(-1);
              changeAt(
                [...path, row.container.length],
                row.container.length > 0 && kindOf(last) === kind ? blankLike(last) : emptyValue(kind),
              );
            }}
          />
        )}
      </div>
    );
  },
  (before, after) =>
    before.row.key === after.row.key &&
    before.row.depth === after.row.depth &&
    (before.row.type === 'field' && after.row.type === 'field'
      ? before.row.value === after.row.value
      : before.row.type !== 'field' && after.row.type !== 'field' && before.row.container === after.row.container) &&
    before.conflicted === after.conflicted &&
    before.changeAt === after.changeAt &&
    before.removeAt === after.removeAt,
);

function EditFormField({
  path,
  value,
  conflicted,
  changeAt,
  removeAt,
}: FieldActions & { path: JsonPath; value: unknown; conflicted: boolean }) {
  const id = useId();
  const labelId = `${id}-label`;
  const conflictId = `${id}-conflict`;
  const pathText = formatPath(path);
  const kind = kindOf(value);
  const describedBy = conflicted ? conflictId : undefined;
  const change = (next: unknown) => changeAt(path, next);
  const isContainer = kind === 'object' || kind === 'array';

  return (
    <div
      className={
        conflicted
          ? '-mx-1 rounded bg-amber-50 px-1 ring-1 ring-amber-300 dark:bg-amber-950/40 dark:ring-amber-700'
          : ''
      }
    >
      <div className="flex items-center gap-2 py-0.5">
        <PathLabel path={path} id={labelId} htmlFor={isContainer || value === null ? undefined : id} />
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
        {/* null has no input of its own: its type select is how a value gets set. */}
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
          onClick={() => removeAt(path)}
          aria-label={`Remove ${pathText}`}
          className={`${SMALL_BUTTON_CLASS} shrink-0`}
        >
          Remove
        </button>
      </div>
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
