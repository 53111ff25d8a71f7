import { describe, expect, it } from 'vitest';
import { deleteIn, formatPath, getIn, setIn } from './json-path';

describe('formatPath', () => {
  it('joins keys with dots and indexes with brackets', () => {
    expect(formatPath(['line_items', 2, 'amount'])).toBe('line_items[2].amount');
    expect(formatPath([0, 'id'])).toBe('[0].id');
  });

  it('quotes keys that are not identifiers', () => {
    expect(formatPath(['meta', 'due date', 'x'])).toBe('meta["due date"].x');
    expect(formatPath(['1abc'])).toBe('["1abc"]');
    expect(formatPath(['a"b'])).toBe('["a\\"b"]');
  });

  it('names the root', () => {
    expect(formatPath([])).toBe('(root)');
  });
});

const doc = { vendor: { name: 'Acme' }, line_items: [{ amount: 1 }, { amount: 2 }], total: 3 };

describe('getIn', () => {
  it('reads nested values', () => {
    expect(getIn(doc, ['line_items', 1, 'amount'])).toBe(2);
    expect(getIn(doc, [])).toBe(doc);
  });

  it('answers undefined for paths that are not there', () => {
    expect(getIn(doc, ['vendor', 'missing'])).toBeUndefined();
    expect(getIn(doc, ['line_items', 'amount'])).toBeUndefined();
    expect(getIn(doc, ['total', 'x'])).toBeUndefined();
    expect(getIn(doc, ['toString'])).toBeUndefined();
  });
});

describe('setIn', () => {
  it('copies only the branch it changes', () => {
    const next = setIn(doc, ['line_items', 0, 'amount'], 10) as typeof doc;
    expect(next.line_items[0]).toEqual({ amount: 10 });
    expect(doc.line_items[0]).toEqual({ amount: 1 });
    expect(next.vendor).toBe(doc.vendor);
    expect(next.line_items[1]).toBe(doc.line_items[1]);
  });

  it('adds a key at the end and keeps key order otherwise', () => {
    expect(Object.keys(setIn(doc, ['vendor'], 'x') as object)).toEqual(['vendor', 'line_items', 'total']);
    expect(Object.keys(setIn(doc, ['currency'], 'EUR') as object)).toEqual([
      'vendor',
      'line_items',
      'total',
      'currency',
    ]);
  });

  it('appends to an array at its length', () => {
    expect(setIn([1, 2], [2], 3)).toEqual([1, 2, 3]);
  });

  it('replaces the root for an empty path', () => {
    expect(setIn(doc, [], 1)).toBe(1);
  });

  it('keeps a __proto__ key as plain data', () => {
    const next = setIn(JSON.parse('{"__proto__": 1}'), ['__proto__'], 2) as object;
    expect(Object.getPrototypeOf(next)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(next, '__proto__')?.value).toBe(2);
  });

  it('refuses paths whose parent is missing or of the wrong kind', () => {
    expect(() => setIn(doc, ['missing', 'x'], 1)).toThrow('does not fit');
    expect(() => setIn(doc, ['line_items', 'x'], 1)).toThrow('does not fit');
    expect(() => setIn([1], [5], 1)).toThrow('does not fit');
  });
});

describe('deleteIn', () => {
  it('removes an object key', () => {
    expect(deleteIn(doc, ['vendor', 'name'])).toEqual({ ...doc, vendor: {} });
  });

  it('removes an array item and closes the gap', () => {
    expect(deleteIn(doc, ['line_items', 0])).toEqual({ ...doc, line_items: [{ amount: 2 }] });
  });

  it('leaves the input untouched', () => {
    deleteIn(doc, ['total']);
    expect(doc.total).toBe(3);
  });

  it('refuses the root and non-containers', () => {
    expect(() => deleteIn(doc, [])).toThrow('root');
    expect(() => deleteIn(doc, ['total', 'x'])).toThrow('No container');
  });
});
