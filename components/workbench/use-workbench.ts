'use client';

import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import type { JsonPath } from '@/lib/json-tools/json-path';
import { formatPointer } from '@/lib/json-tools/json-pointer';
import type { JsonObject } from '@/lib/json-tools/json-value';
import type { ReviewOverlay } from '@/lib/reviews/schemas';
import { DEFAULT_CONFIDENCE_THRESHOLD, labelFinder, placeCitations } from '@/lib/workbench/field-table';
import { buildFormModel, type FormGroup, inferSchema } from '@/lib/workbench/form-model';
import { compileSchemaValidator, type SchemaErrors, type SchemaValidator } from '@/lib/workbench/schema-validation';
import { type JsonSchema, workbenchInputsOf } from '@/lib/workbench/workbench-inputs';

const THRESHOLD_KEY = 'review-inbox:confidence-threshold';
const NO_ERRORS: SchemaErrors = new Map();

function readThreshold(): number {
  if (typeof window === 'undefined') return DEFAULT_CONFIDENCE_THRESHOLD;
  const stored = Number(window.localStorage.getItem(THRESHOLD_KEY));
  return stored > 0 && stored <= 1 ? stored : DEFAULT_CONFIDENCE_THRESHOLD;
}

/** The reviewer's low-confidence threshold, remembered in this browser. */
export function useConfidenceThreshold(): [number, (next: number) => void] {
  const [threshold, setThreshold] = useState(readThreshold);
  const update = useCallback((next: number) => {
    setThreshold(next);
    window.localStorage.setItem(THRESHOLD_KEY, String(next));
  }, []);
  return [threshold, update];
}

/**
 * The form for a value, rebuilt only when the value's shape changes (a key or row type added),
 * so that rows keep their columns, and their memoized renders, while the reviewer types.
 */
export function useFormModel(schema: JsonSchema | null, value: JsonObject): FormGroup {
  const shape = JSON.stringify(inferSchema(value));
  const latest = useMemo(() => ({ value }), [value]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt on a new shape, not on every new value
  return useMemo(() => buildFormModel(schema, latest.value), [schema, shape]);
}

/** The overlay's schema compiled once, or null without one. */
export function useSchemaValidator(schema: JsonSchema | null): SchemaValidator | null {
  return useMemo(() => (schema ? compileSchemaValidator(schema) : null), [schema]);
}

/** Schema errors of a value, computed a beat after typing so the keystroke paints first. */
export function useSchemaErrors(validate: SchemaValidator | null, value: unknown): SchemaErrors {
  const deferred = useDeferredValue(value);
  return useMemo(() => (validate ? validate(deferred) : NO_ERRORS), [validate, deferred]);
}

/** Everything the workbench shows beside the fields: sources, citations placed on them, and the selection. */
export function useWorkbench(overlay: ReviewOverlay) {
  const inputs = useMemo(() => workbenchInputsOf(overlay), [overlay]);
  const modelOutput = overlay.versions.find((version) => version.seq === 0)?.snapshot ?? {};
  const head = overlay.versions.find((version) => version.seq === overlay.head_seq)?.snapshot ?? modelOutput;
  const headModel = useFormModel(inputs.schema, head);
  const citations = useMemo(
    () => placeCitations(inputs.citations, head, labelFinder(headModel, head)),
    [inputs.citations, head, headModel],
  );
  const cited = useMemo(() => new Set(Object.keys(inputs.citations)), [inputs.citations]);
  const [threshold, setThreshold] = useConfidenceThreshold();
  const [selected, setSelected] = useState<JsonPath | null>(null);
  const select = useCallback((path: JsonPath) => setSelected(path), []);
  // Counted, so that a grid scrolls back to a row that is still selected but scrolled away from.
  const [revealed, setRevealed] = useState(0);
  const reveal = useCallback((path: JsonPath) => {
    setSelected(path);
    setRevealed((count) => count + 1);
  }, []);
  const selectedPointer = selected ? formatPointer(selected) : null;

  return {
    ...inputs,
    modelOutput,
    head,
    citations,
    cited,
    threshold,
    setThreshold,
    selected,
    selectedPointer,
    select,
    revealed,
    reveal,
  };
}

export type Workbench = ReturnType<typeof useWorkbench>;
