'use client';

import { memo, useEffect, useId, useRef } from 'react';
import { cx } from '@/components/ui/class-names';
import { formatPath, getIn, type JsonPath } from '@/lib/json-tools/json-path';
import { jsonEqual } from '@/lib/json-tools/json-value';
import { confidenceAt, isLowConfidence } from '@/lib/workbench/field-table';
import type { FormGroup, FormLeaf, FormNode } from '@/lib/workbench/form-model';
import type { SchemaErrors } from '@/lib/workbench/schema-validation';
import { ChangedMark, ConfidenceBadge, ValueText } from './field-cells';
import { FieldGrid } from './field-grid';
import { FieldInput } from './field-input';

/** What every row of the table reads; the callbacks are stable, so rows that did not change skip rendering. */
export type FieldsContext = {
  modelOutput: unknown;
  likelihoods: unknown;
  threshold: number;
  errors: SchemaErrors;
  editing: boolean;
  selected: string | null;
  /** Formatted paths (`vendor.name`) that clashed in the last merge. */
  conflicts: ReadonlySet<string>;
  /** Pointers that have a citation on a source. */
  cited: ReadonlySet<string>;
  onChangeAt(path: JsonPath, next: unknown): void;
  onSelect(path: JsonPath): void;
  /** Grows with every request to bring the selected field into view. */
  revealed: number;
  removeRow(gridPath: JsonPath, index: number): void;
};

// Narrower fixed columns on phones, so that five columns fit in 360 px without sideways scrolling.
export const LEAF_COLUMNS =
  'grid grid-cols-[minmax(5rem,14rem)_minmax(0,1fr)_minmax(0,1fr)_3.5rem_4.5rem] gap-x-2 sm:grid-cols-[minmax(8rem,11rem)_minmax(0,1fr)_minmax(0,1fr)_5rem_4.5rem] sm:gap-x-3';

/**
 * The output as a table of fields: label, the model's value, the current value (an input while
 * editing), the model's confidence and whether it changed. Arrays are grids of rows.
 */
export function FieldsPanel({ model, value, context }: { model: FormGroup; value: unknown; context: FieldsContext }) {
  return (
    <div className="space-y-0.5 text-sm" data-testid="fields-table">
      <div
        aria-hidden="true"
        className={cx(LEAF_COLUMNS, 'border-b border-line px-2 pb-1 text-xs font-medium text-fg-muted')}
      >
        <span>Field</span>
        <span>Model</span>
        <span>{context.editing ? 'Your draft' : 'Current'}</span>
        <span>Confidence</span>
        <span />
      </div>
      <NodeList nodes={model.children} value={value} context={context} />
    </div>
  );
}

function NodeList({ nodes, value, context }: { nodes: readonly FormNode[]; value: unknown; context: FieldsContext }) {
  return (
    <>
      {nodes.map((node) => {
        const nodeValue = getIn(value, node.path);
        if (node.type === 'leaf') {
          return (
            <LeafRow
              key={node.pointer}
              node={node}
              value={nodeValue}
              modelValue={getIn(context.modelOutput, node.path)}
              confidence={confidenceAt(context.likelihoods, node.path)}
              error={context.errors.get(node.pointer)}
              selected={context.selected === node.pointer}
              context={context}
            />
          );
        }
        if (node.type === 'group') {
          return (
            <fieldset key={node.pointer} className="my-2 min-w-0 rounded-md border border-line px-2 pt-1 pb-2">
              <legend className="px-1 text-xs font-semibold text-fg-muted" title={node.description}>
                {node.label}
              </legend>
              <NodeList nodes={node.children} value={value} context={context} />
            </fieldset>
          );
        }
        return (
          <FieldGrid
            key={node.pointer}
            grid={node}
            items={Array.isArray(nodeValue) ? nodeValue : []}
            modelItems={getIn(context.modelOutput, node.path)}
            likelihoodItems={getIn(context.likelihoods, node.path)}
            context={context}
          />
        );
      })}
    </>
  );
}

type LeafRowProps = {
  node: FormLeaf;
  value: unknown;
  modelValue: unknown;
  confidence: number | null;
  error: string | undefined;
  selected: boolean;
  context: FieldsContext;
};

const LeafRow = memo(
  function LeafRow({ node, value, modelValue, confidence, error, selected, context }: LeafRowProps) {
    const id = useId();
    const rowRef = useRef<HTMLDivElement>(null);
    const low = isLowConfidence(confidence, context.threshold);
    const changed = !jsonEqual(value, modelValue);
    const pathText = formatPath(node.path);
    const conflicted = context.conflicts.has(pathText);

    useEffect(() => {
      if (selected) rowRef.current?.scrollIntoView({ block: 'nearest' });
    }, [selected]);

    return (
      // biome-ignore lint/a11y/useKeyWithClickEvents: selecting by keyboard is `n`/`N` and focusing the input
      // biome-ignore lint/a11y/noStaticElementInteractions: the row's input is the interactive element
      <div
        ref={rowRef}
        data-pointer={node.pointer}
        data-selected={selected || undefined}
        data-low-confidence={low || undefined}
        data-changed={changed || undefined}
        onClick={() => context.onSelect(node.path)}
        onFocus={() => context.onSelect(node.path)}
        className={cx(
          LEAF_COLUMNS,
          'items-start rounded px-2 py-1',
          selected ? 'bg-selected ring-1 ring-accent' : 'hover:bg-hover',
          conflicted && 'bg-amber-50 ring-1 ring-amber-300 dark:bg-amber-950/40 dark:ring-amber-700',
        )}
      >
        <label
          htmlFor={context.editing ? id : undefined}
          title={pathText}
          className="min-w-0 pt-0.5 text-sm break-words text-fg"
        >
          <span className="font-medium">{node.label}</span>
          {node.required && (
            <span aria-hidden="true" className="text-danger">
              {' '}
              *
            </span>
          )}
          {context.cited.has(node.pointer) && (
            <span title="Cited on the document" className="ml-1 text-xs text-accent">
              ◆
            </span>
          )}
          {node.description && <span className="block text-xs font-normal text-fg-muted">{node.description}</span>}
        </label>
        <div className="min-w-0 pt-0.5">
          <ValueText value={modelValue} muted={!changed} wrap />
        </div>
        <div className="min-w-0">
          {context.editing ? (
            <FieldInput
              id={id}
              label={pathText}
              spec={node.spec}
              value={value}
              error={error}
              required={node.required}
              describedBy={conflicted ? `${id}-conflict` : undefined}
              onChange={(next) => context.onChangeAt(node.path, next)}
            />
          ) : (
            <div className="pt-0.5">
              <ValueText value={value} wrap />
              {error && <span className="block text-xs text-red-700 dark:text-red-400">{error}</span>}
            </div>
          )}
          {conflicted && (
            <span
              id={`${id}-conflict`}
              className="mt-0.5 inline-block rounded bg-amber-200 px-1.5 text-xs font-medium text-amber-900 dark:bg-amber-800 dark:text-amber-100"
            >
              Conflict
            </span>
          )}
        </div>
        <div className="pt-0.5">
          <ConfidenceBadge confidence={confidence} low={low} />
        </div>
        <div className="pt-0.5">
          <ChangedMark changed={changed} />
        </div>
      </div>
    );
  },
  // The context changes identity with every keystroke; a row only cares about these of its fields.
  (before, after) =>
    before.node === after.node &&
    before.value === after.value &&
    before.modelValue === after.modelValue &&
    before.confidence === after.confidence &&
    before.error === after.error &&
    before.selected === after.selected &&
    before.context.editing === after.context.editing &&
    before.context.threshold === after.context.threshold &&
    before.context.conflicts === after.context.conflicts &&
    before.context.cited === after.context.cited &&
    before.context.onChangeAt === after.context.onChangeAt &&
    before.context.onSelect === after.context.onSelect,
);
