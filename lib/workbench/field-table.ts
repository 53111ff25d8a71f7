import { formatPath, getIn, type JsonPath } from '@/lib/json-tools/json-path';
import { formatPointer, resolvePointer } from '@/lib/json-tools/json-pointer';
import { jsonEqual } from '@/lib/json-tools/json-value';
import { type FormNode, formLeaves } from './form-model';
import type { Citation, Citations } from './workbench-inputs';

/** Below this likelihood a field is flagged until the reviewer picks another threshold. */
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.8;

/** The model's likelihood for a leaf, or null when the model gave none (or gave something else). */
export function confidenceAt(likelihoods: unknown, path: JsonPath): number | null {
  const value = getIn(likelihoods, path);
  return typeof value === 'number' && value >= 0 && value <= 1 ? value : null;
}

export function isLowConfidence(confidence: number | null, threshold: number): boolean {
  return confidence !== null && confidence < threshold;
}

/** Whether the current value differs from what the model extracted. */
export function isChanged(modelOutput: unknown, current: unknown, path: JsonPath): boolean {
  return !jsonEqual(getIn(modelOutput, path), getIn(current, path));
}

export function citationsAt(citations: Citations, path: JsonPath): readonly Citation[] {
  return citations[formatPointer(path)] ?? [];
}

/** A citation's box with the field it belongs to, for drawing on a source page. */
export type PlacedCitation = Citation & { pointer: string; path: JsonPath; label: string };

/**
 * Every citation of every field the output still has, with the field's label, so a highlight on
 * the document can say which field it backs. Pointers into nothing are dropped.
 */
export function placeCitations(
  citations: Citations,
  value: unknown,
  labelOf: (path: JsonPath) => string,
): PlacedCitation[] {
  return Object.entries(citations).flatMap(([pointer, list]) => {
    const path = resolvePointer(value, pointer);
    if (!path) return [];
    const label = labelOf(path);
    return list.map((citation) => ({ ...citation, pointer, path, label }));
  });
}

/** A label for any leaf: its form label when the form has one, the key path otherwise. */
export function labelFinder(model: FormNode, value: unknown): (path: JsonPath) => string {
  const labels = new Map<string, string>();
  for (const leaf of formLeaves(model, value)) labels.set(formatPointer(leaf.path), leaf.label);
  return (path) => labels.get(formatPointer(path)) ?? formatPath(path);
}

export type AttentionInputs = {
  model: FormNode;
  current: unknown;
  modelOutput: unknown;
  likelihoods: unknown;
  threshold: number;
};

function needsAttention(inputs: AttentionInputs, path: JsonPath): boolean {
  return (
    isLowConfidence(confidenceAt(inputs.likelihoods, path), inputs.threshold) ||
    isChanged(inputs.modelOutput, inputs.current, path)
  );
}

/** The leaves a reviewer should look at, in reading order: uncertain ones and ones already changed. */
export function attentionPaths(inputs: AttentionInputs): JsonPath[] {
  return [...formLeaves(inputs.model, inputs.current)]
    .map((leaf) => leaf.path)
    .filter((path) => needsAttention(inputs, path));
}

/**
 * The next (or previous) leaf needing attention after `from` in reading order, wrapping around;
 * from nothing selected, the first (or last) one. Null when nothing needs attention.
 */
export function nextAttention(inputs: AttentionInputs, from: JsonPath | null, direction: 1 | -1): JsonPath | null {
  const leaves = [...formLeaves(inputs.model, inputs.current)].map((leaf) => leaf.path);
  const count = leaves.length;
  const fromPointer = from ? formatPointer(from) : null;
  const start = fromPointer === null ? -1 : leaves.findIndex((path) => formatPointer(path) === fromPointer);
  for (let step = 1; step <= count; step++) {
    const index =
      start === -1
        ? direction === 1
          ? step - 1
          : count - step
        : (((start + direction * step) % count) + count) % count;
    const path = leaves[index];
    if (path && needsAttention(inputs, path)) return path;
  }
  return null;
}
