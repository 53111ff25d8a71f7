import { describe, expect, it } from 'vitest';
import { formatPointer } from '@/lib/json-tools/json-pointer';
import { attentionPaths, confidenceAt, isChanged, labelFinder, nextAttention, placeCitations } from './field-table';
import { buildFormModel } from './form-model';

const MODEL_OUTPUT = {
  total: 312.73,
  due_date: '2026-06-01',
  vendor: { name: 'Northwind' },
  line_items: [
    { description: 'Toner', amount: 262.8 },
    { description: 'Paper', amount: 49.93 },
  ],
};
const LIKELIHOODS = {
  total: 0.42,
  due_date: 0.97,
  vendor: { name: 0.99 },
  line_items: [
    { description: 0.95, amount: 0.5 },
    { description: 0.91, amount: 'n/a' },
  ],
};
const SCHEMA = { type: 'object', properties: { total: { type: 'number', title: 'Total amount' } } };

describe('field table', () => {
  it('reads a leaf’s confidence from the likelihoods and ignores anything that is not 0–1', () => {
    expect(confidenceAt(LIKELIHOODS, ['total'])).toBe(0.42);
    expect(confidenceAt(LIKELIHOODS, ['line_items', 0, 'amount'])).toBe(0.5);
    expect(confidenceAt(LIKELIHOODS, ['line_items', 1, 'amount'])).toBeNull();
    expect(confidenceAt(null, ['total'])).toBeNull();
  });

  it('marks a field changed only when its value differs from the model’s', () => {
    const current = { ...MODEL_OUTPUT, due_date: '2026-06-16' };
    expect(isChanged(MODEL_OUTPUT, current, ['due_date'])).toBe(true);
    expect(isChanged(MODEL_OUTPUT, current, ['total'])).toBe(false);
    expect(isChanged(MODEL_OUTPUT, { ...current, line_items: [] }, ['line_items', 0, 'amount'])).toBe(true);
  });

  it('labels citations with the schema title, else the key path, and drops pointers into nothing', () => {
    const model = buildFormModel(SCHEMA, MODEL_OUTPUT);
    const box = { source: 0, page: 1, bbox: [0.1, 0.1, 0.2, 0.2] as [number, number, number, number], text: null };
    const placed = placeCitations(
      { '/total': [box], '/line_items/1/amount': [{ ...box, page: 2 }], '/line_items/7/amount': [box] },
      MODEL_OUTPUT,
      labelFinder(model, MODEL_OUTPUT),
    );
    expect(placed.map((c) => [c.label, c.path, c.page])).toEqual([
      ['Total amount', ['total'], 1],
      ['line_items 2 · amount', ['line_items', 1, 'amount'], 2],
    ]);
  });

  it('steps through low-confidence and changed fields in reading order, both ways, wrapping', () => {
    const current = { ...MODEL_OUTPUT, vendor: { name: 'Northwind AG' } };
    const inputs = {
      model: buildFormModel(null, current),
      current,
      modelOutput: MODEL_OUTPUT,
      likelihoods: LIKELIHOODS,
      threshold: 0.8,
    };
    const pointers = attentionPaths(inputs).map(formatPointer);
    expect(pointers).toEqual(['/total', '/vendor/name', '/line_items/0/amount']);
    expect(nextAttention(inputs, null, 1)).toEqual(['total']);
    expect(nextAttention(inputs, ['total'], 1)).toEqual(['vendor', 'name']);
    // From a field that is not itself flagged, the search goes on from where it sits.
    expect(nextAttention(inputs, ['due_date'], 1)).toEqual(['vendor', 'name']);
    expect(nextAttention(inputs, ['line_items', 0, 'amount'], 1)).toEqual(['total']);
    expect(nextAttention(inputs, ['total'], -1)).toEqual(['line_items', 0, 'amount']);
    expect(nextAttention({ ...inputs, threshold: 0.3, current: MODEL_OUTPUT }, null, 1)).toBeNull();
  });
});
