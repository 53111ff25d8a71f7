'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef } from 'react';
import { SMALL_BUTTON_CLASS } from '@/components/review/edit-form-inputs';
import { cx } from '@/components/ui/class-names';
import { formatPath, getIn, type JsonPath } from '@/lib/json-tools/json-path';
import { formatPointer } from '@/lib/json-tools/json-pointer';
import { jsonEqual } from '@/lib/json-tools/json-value';
import { isLowConfidence } from '@/lib/workbench/field-table';
import type { FormGrid, GridColumn } from '@/lib/workbench/form-model';
import type { SchemaErrors } from '@/lib/workbench/schema-validation';
import { ValueText } from './field-cells';
import { FieldInput } from './field-input';
import type { FieldsContext } from './fields-panel';

const ROW_HEIGHT = 36;
/** Rows drawn beyond the visible ones, so a fast scroll does not show blank space. */
const OVERSCAN = 6;

type FieldGridProps = {
  grid: FormGrid;
  items: readonly unknown[];
  modelItems: unknown;
  likelihoodItems: unknown;
  context: FieldsContext;
};

/**
 * An array as an editable grid. Only the rows in view are in the page, and a row re-renders only
 * when its own item, its model item or its errors change, so typing in a 1,000-row grid touches
 * one row.
 */
export function FieldGrid({ grid, items, modelItems, likelihoodItems, context }: FieldGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
  });
  const selectedRow = selectedRowOf(grid.pointer, context.selected);
  const rowErrors = errorsByRow(grid.pointer, context.errors);
  const template = `3rem ${grid.columns.map(columnWidth).join(' ')}${context.editing ? ' 4.5rem' : ''}`;
  const canAdd = grid.maxItems === undefined || items.length < grid.maxItems;
  const canRemove = grid.minItems === undefined || items.length > grid.minItems;
  const ownError = context.errors.get(grid.pointer);

  const { revealed } = context;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `revealed` asks for the scroll again, row unchanged
  useEffect(() => {
    if (selectedRow === null) return;
    scrollRef.current?.scrollIntoView({ block: 'nearest' });
    virtualizer.scrollToIndex(selectedRow, { align: 'center' });
  }, [selectedRow, virtualizer, revealed]);

  return (
    <section aria-label={grid.label} className="min-w-0 space-y-1 py-2" data-pointer={grid.pointer}>
      <div className="flex items-baseline justify-between gap-2 px-2">
        <h3 className="text-sm font-semibold" title={formatPath(grid.path)}>
          {grid.label}{' '}
          <span className="font-normal text-fg-muted">
            ({items.length} {items.length === 1 ? 'row' : 'rows'})
          </span>
        </h3>
        {grid.description && <span className="truncate text-xs text-fg-muted">{grid.description}</span>}
      </div>
      {ownError && <p className="px-2 text-xs text-red-700 dark:text-red-400">{ownError}</p>}
      <div
        ref={scrollRef}
        data-testid={`grid-${grid.pointer}`}
        className="max-h-[26rem] overflow-auto rounded-md border border-line"
      >
        <div
          className="sticky top-0 z-10 grid gap-x-2 border-b border-line bg-surface px-2 py-1 text-xs font-medium text-fg-muted"
          style={{ gridTemplateColumns: template, minWidth: 'max-content' }}
        >
          <span>#</span>
          {grid.columns.map((column) => (
            <span key={column.id} title={column.description} className="truncate">
              {column.label}
              {column.required && <span className="text-danger"> *</span>}
            </span>
          ))}
          {context.editing && <span />}
        </div>
        <div className="relative" style={{ height: virtualizer.getTotalSize(), minWidth: 'max-content' }}>
          {virtualizer.getVirtualItems().map((row) => (
            <GridRow
              key={row.key}
              index={row.index}
              top={row.start}
              template={template}
              grid={grid}
              item={items[row.index]}
              modelItem={Array.isArray(modelItems) ? modelItems[row.index] : undefined}
              likelihoodItem={Array.isArray(likelihoodItems) ? likelihoodItems[row.index] : undefined}
              errors={rowErrors.get(row.index)}
              selectedColumn={
                selectedRow === row.index ? selectedColumnOf(grid.pointer, row.index, context.selected) : null
              }
              canRemove={canRemove}
              context={context}
            />
          ))}
        </div>
      </div>
      {context.editing && canAdd && (
        <button
          type="button"
          className={cx(SMALL_BUTTON_CLASS, 'ml-2')}
          onClick={() => context.onChangeAt([...grid.path, items.length], structuredClone(grid.blankItem))}
        >
          Add row
        </button>
      )}
    </section>
  );
}

/** Text (a line's description) gets twice the room of a number, which is short and right where it is. */
function columnWidth(column: GridColumn): string {
  return column.spec.kind === 'text' || column.spec.kind === 'json' ? 'minmax(10rem, 2fr)' : 'minmax(6rem, 1fr)';
}

function selectedRowOf(gridPointer: string, selected: string | null): number | null {
  if (!selected?.startsWith(`${gridPointer}/`)) return null;
  const index = Number(selected.slice(gridPointer.length + 1).split('/')[0]);
  return Number.isInteger(index) ? index : null;
}

function selectedColumnOf(gridPointer: string, row: number, selected: string | null): string | null {
  const prefix = `${gridPointer}/${row}`;
  if (!selected?.startsWith(prefix)) return null;
  return selected.slice(prefix.length);
}

const NO_ROW_ERRORS = new Map<number, SchemaErrors>();

/** Errors split by row, keyed by the column's pointer inside the row; rows without errors get none. */
function errorsByRow(gridPointer: string, errors: SchemaErrors): Map<number, SchemaErrors> {
  if (errors.size === 0) return NO_ROW_ERRORS;
  const byRow = new Map<number, Map<string, string>>();
  for (const [pointer, message] of errors) {
    if (!pointer.startsWith(`${gridPointer}/`)) continue;
    const rest = pointer.slice(gridPointer.length + 1);
    const slash = rest.indexOf('/');
    const row = Number(slash === -1 ? rest : rest.slice(0, slash));
    if (!Number.isInteger(row)) continue;
    const rowErrors = byRow.get(row) ?? new Map<string, string>();
    rowErrors.set(slash === -1 ? '' : rest.slice(slash), message);
    byRow.set(row, rowErrors);
  }
  return byRow;
}

type GridRowProps = {
  index: number;
  top: number;
  template: string;
  grid: FormGrid;
  item: unknown;
  modelItem: unknown;
  likelihoodItem: unknown;
  errors: SchemaErrors | undefined;
  selectedColumn: string | null;
  canRemove: boolean;
  context: FieldsContext;
};

const GridRow = memo(
  function GridRow({
    index,
    top,
    template,
    grid,
    item,
    modelItem,
    likelihoodItem,
    errors,
    selectedColumn,
    canRemove,
    context,
  }: GridRowProps) {
    const rowPath: JsonPath = [...grid.path, index];
    const rowError = errors?.get('');
    return (
      <div
        data-row={index}
        className={cx(
          'absolute inset-x-0 grid items-start gap-x-2 border-b border-line px-2 py-1',
          selectedColumn !== null && 'bg-selected',
        )}
        style={{ transform: `translateY(${top}px)`, gridTemplateColumns: template, height: ROW_HEIGHT }}
      >
        <span className="pt-0.5 text-xs text-fg-muted tabular-nums" title={rowError}>
          {index + 1}
          {rowError && <span className="text-danger"> !</span>}
        </span>
        {grid.columns.map((column) => (
          <GridCell
            key={column.id}
            column={column}
            path={[...rowPath, ...column.subPath]}
            value={getIn(item, column.subPath)}
            modelValue={getIn(modelItem, column.subPath)}
            confidence={getIn(likelihoodItem, column.subPath)}
            error={errors?.get(formatPointer(column.subPath))}
            selected={selectedColumn === formatPointer(column.subPath)}
            context={context}
          />
        ))}
        {context.editing && (
          <button
            type="button"
            disabled={!canRemove}
            aria-label={`Remove ${formatPath(rowPath)}`}
            className={SMALL_BUTTON_CLASS}
            onClick={() => context.removeRow(grid.path, index)}
          >
            Remove
          </button>
        )}
      </div>
    );
  },
  (before, after) =>
    before.index === after.index &&
    before.top === after.top &&
    before.template === after.template &&
    before.grid === after.grid &&
    before.item === after.item &&
    before.modelItem === after.modelItem &&
    before.likelihoodItem === after.likelihoodItem &&
    before.errors === after.errors &&
    before.selectedColumn === after.selectedColumn &&
    before.canRemove === after.canRemove &&
    before.context.editing === after.context.editing &&
    before.context.threshold === after.context.threshold &&
    before.context.onChangeAt === after.context.onChangeAt &&
    before.context.onSelect === after.context.onSelect &&
    before.context.removeRow === after.context.removeRow,
);

function GridCell({
  column,
  path,
  value,
  modelValue,
  confidence,
  error,
  selected,
  context,
}: {
  column: GridColumn;
  path: JsonPath;
  value: unknown;
  modelValue: unknown;
  confidence: unknown;
  error: string | undefined;
  selected: boolean;
  context: FieldsContext;
}) {
  const pathText = formatPath(path);
  const score = typeof confidence === 'number' ? confidence : null;
  const low = isLowConfidence(score, context.threshold);
  const changed = !jsonEqual(value, modelValue);
  const notes = [
    score === null ? null : `Confidence ${Math.round(score * 100)}%`,
    changed ? `Model: ${JSON.stringify(modelValue) ?? 'absent'}` : null,
  ].filter(Boolean);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the cell's input takes the keyboard
    // biome-ignore lint/a11y/noStaticElementInteractions: the cell's input is the interactive element
    <div
      data-pointer={formatPointer(path)}
      data-selected={selected || undefined}
      data-low-confidence={low || undefined}
      data-changed={changed || undefined}
      title={notes.join(' · ') || undefined}
      onClick={() => context.onSelect(path)}
      onFocus={() => context.onSelect(path)}
      className={cx(
        'relative min-w-0 rounded',
        low && 'bg-amber-50 ring-1 ring-amber-300 dark:bg-amber-950/40 dark:ring-amber-800',
        changed && 'border-l-2 border-blue-500 pl-1',
        selected && 'ring-2 ring-accent',
      )}
    >
      {context.editing ? (
        <FieldInput
          id={`cell-${formatPointer(path)}`}
          label={pathText}
          spec={column.spec}
          value={value}
          error={error}
          compact
          onChange={(next) => context.onChangeAt(path, next)}
        />
      ) : (
        <div className="px-1 pt-0.5">
          <ValueText value={value} />
        </div>
      )}
    </div>
  );
}
