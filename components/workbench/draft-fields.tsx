'use client';

import { useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import { EditForm } from '@/components/review/edit-form';
import { SMALL_BUTTON_CLASS } from '@/components/review/edit-form-inputs';
import { deleteIn, type JsonPath, setIn } from '@/lib/json-tools/json-path';
import { formatPointer } from '@/lib/json-tools/json-pointer';
import type { JsonObject } from '@/lib/json-tools/json-value';
import { attentionPaths } from '@/lib/workbench/field-table';
import type { SchemaErrors } from '@/lib/workbench/schema-validation';
import { FieldsPanel } from './fields-panel';
import { ThresholdControl } from './fields-toolbar';
import { focusFieldWhenDrawn, SchemaErrorSummary } from './schema-error-summary';
import { useFormModel, type Workbench } from './use-workbench';

type DraftFieldsProps = {
  workbench: Workbench;
  value: JsonObject;
  /** Applies one change to the draft's value; stable, so rows that did not change skip rendering. */
  updateValue(update: (value: JsonObject) => JsonObject): void;
  /** Formatted paths of fields that clashed in the last merge. */
  highlightPaths: readonly string[];
  /** The draft's failing paths: the browser's validation and the server's last `schema_mismatch`. */
  errors: SchemaErrors;
};

/**
 * The draft as the fields table with inputs: following the overlay's JSON Schema when it has one
 * (no type pickers), otherwise the value's own shape, with the generic structure editor (types,
 * add and remove fields, raw JSON) one toggle away.
 */
export function DraftFields({ workbench, value, updateValue, highlightPaths, errors }: DraftFieldsProps) {
  const [structure, setStructure] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const model = useFormModel(workbench.schema, value);
  const { reveal } = workbench;
  const jumpTo = useCallback(
    (path: JsonPath) => {
      reveal(path);
      focusFieldWhenDrawn(rootRef.current, formatPointer(path));
    },
    [reveal],
  );
  const conflicts = useMemo(() => new Set(highlightPaths), [highlightPaths]);
  const onChangeAt = useCallback(
    (path: JsonPath, next: unknown) => updateValue((current) => setIn(current, path, next) as JsonObject),
    [updateValue],
  );
  const removeRow = useCallback(
    (gridPath: JsonPath, index: number) =>
      updateValue((current) => deleteIn(current, [...gridPath, index]) as JsonObject),
    [updateValue],
  );
  // Counted a beat after typing: it walks every cell, which a keystroke should not wait for.
  const settled = useDeferredValue(value);
  const { modelOutput, likelihoods, threshold } = workbench;
  const attention = useMemo(
    () => attentionPaths({ model, current: settled, modelOutput, likelihoods, threshold }).length,
    [model, settled, modelOutput, likelihoods, threshold],
  );

  return (
    <div ref={rootRef} className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <ThresholdControl
          threshold={workbench.threshold}
          onThresholdChange={workbench.setThreshold}
          attentionCount={attention}
        />
        {!workbench.schema && (
          <button
            type="button"
            aria-pressed={structure}
            onClick={() => setStructure(!structure)}
            className={SMALL_BUTTON_CLASS}
          >
            Edit structure
          </button>
        )}
      </div>
      <SchemaErrorSummary errors={errors} value={value} onJump={jumpTo} />
      {structure ? (
        <EditForm value={value} onUpdate={updateValue} highlightPaths={highlightPaths} />
      ) : (
        <FieldsPanel
          model={model}
          value={value}
          context={{
            modelOutput: workbench.modelOutput,
            likelihoods: workbench.likelihoods,
            threshold: workbench.threshold,
            errors,
            editing: true,
            selected: workbench.selectedPointer,
            conflicts,
            cited: workbench.cited,
            onChangeAt,
            removeRow,
            onSelect: workbench.select,
            revealed: workbench.revealed,
          }}
        />
      )}
    </div>
  );
}
