import { describe, expect, it } from 'vitest';
import { diffJson, diffTree } from './json-diff';

describe('diffJson', () => {
  it('finds nothing between identical inputs', () => {
    const doc = { a: 1, b: { c: [1, { d: null }] } };
    expect(diffJson(doc, structuredClone(doc))).toEqual([]);
    expect(diffTree(doc, structuredClone(doc))).toEqual({ type: 'unchanged', value: doc });
  });

  it('reports nested object changes at their leaves, in document order', () => {
    const before = { vendor: { name: 'Acme', address: { city: 'Oslo', zip: '0150' } }, total: 10, memo: 'x' };
    const after = { vendor: { name: 'Acme AS', address: { city: 'Oslo' } }, total: 10, currency: 'NOK' };
    expect(diffJson(before, after)).toEqual([
      { path: ['vendor', 'name'], kind: 'changed', before: 'Acme', after: 'Acme AS' },
      { path: ['vendor', 'address', 'zip'], kind: 'removed', before: '0150' },
      { path: ['memo'], kind: 'removed', before: 'x' },
      { path: ['currency'], kind: 'added', after: 'NOK' },
    ]);
  });

  it('reports an added or removed subtree as one change', () => {
    expect(diffJson({}, { vendor: { name: 'Acme' } })).toEqual([
      { path: ['vendor'], kind: 'added', after: { name: 'Acme' } },
    ]);
    expect(diffJson({ tags: ['a'] }, {})).toEqual([{ path: ['tags'], kind: 'removed', before: ['a'] }]);
  });

  it('diffs arrays of primitives by value', () => {
    expect(diffJson({ tags: ['a', 'b', 'c'] }, { tags: ['a', 'c', 'd'] })).toEqual([
      { path: ['tags', 1], kind: 'removed', before: 'b' },
      { path: ['tags', 2], kind: 'added', after: 'd' },
    ]);
  });

  it('reports a reordered primitive as removed plus added', () => {
    expect(diffJson([1, 2, 3], [3, 1, 2])).toEqual([
      { path: [0], kind: 'added', after: 3 },
      { path: [2], kind: 'removed', before: 3 },
    ]);
  });

  it('matches array objects by id, whatever their position', () => {
    const before = {
      items: [
        { id: 1, qty: 1 },
        { id: 2, qty: 2 },
        { id: 3, qty: 3 },
      ],
    };
    const after = {
      items: [
        { id: 2, qty: 5 },
        { id: 3, qty: 3 },
        { id: 4, qty: 4 },
      ],
    };
    expect(diffJson(before, after)).toEqual([
      { path: ['items', 0], kind: 'removed', before: { id: 1, qty: 1 } },
      { path: ['items', 0, 'qty'], kind: 'changed', before: 2, after: 5 },
      { path: ['items', 2], kind: 'added', after: { id: 4, qty: 4 } },
    ]);
  });

  it('matches array objects by name when they have no id', () => {
    const before = [
      { name: 'a', v: 1 },
      { name: 'b', v: 1 },
    ];
    const after = [{ name: 'b', v: 2 }];
    expect(diffJson(before, after)).toEqual([
      { path: [0], kind: 'removed', before: { name: 'a', v: 1 } },
      { path: [0, 'v'], kind: 'changed', before: 1, after: 2 },
    ]);
  });

  it('matches array objects without identity by position', () => {
    expect(diffJson([{ v: 1 }, { v: 2 }], [{ v: 1 }, { v: 3 }, { v: 4 }])).toEqual([
      { path: [1, 'v'], kind: 'changed', before: 2, after: 3 },
      { path: [2], kind: 'added', after: { v: 4 } },
    ]);
  });

  it('reports a change of type as one change', () => {
    expect(diffJson({ amount: '12' }, { amount: 12 })).toEqual([
      { path: ['amount'], kind: 'changed', before: '12', after: 12 },
    ]);
    expect(diffJson({ amount: 12 }, { amount: { value: 12 } })).toEqual([
      { path: ['amount'], kind: 'changed', before: 12, after: { value: 12 } },
    ]);
    expect(diffJson({ tags: ['a'] }, { tags: { a: true } })).toEqual([
      { path: ['tags'], kind: 'changed', before: ['a'], after: { a: true } },
    ]);
  });

  it('handles null on either side', () => {
    expect(diffJson({ due: null, paid: true }, { due: '2026-05-01', paid: null })).toEqual([
      { path: ['due'], kind: 'changed', before: null, after: '2026-05-01' },
      { path: ['paid'], kind: 'changed', before: true, after: null },
    ]);
    expect(diffJson({ due: null }, { due: null })).toEqual([]);
  });

  it('reports long strings as a plain change', () => {
    const before = 'a'.repeat(100);
    const after = 'b'.repeat(100);
    expect(diffJson({ note: before }, { note: after })).toEqual([{ path: ['note'], kind: 'changed', before, after }]);
  });

  it('sees a change under a __proto__ key', () => {
    expect(diffJson(JSON.parse('{"__proto__": {"a": 1}}'), JSON.parse('{"__proto__": {"a": 2}}'))).toEqual([
      { path: ['__proto__', 'a'], kind: 'changed', before: 1, after: 2 },
    ]);
  });

  it('compares whole values at the root', () => {
    expect(diffJson(1, 2)).toEqual([{ path: [], kind: 'changed', before: 1, after: 2 }]);
  });
});

describe('diffTree', () => {
  it('aligns array items with both indexes', () => {
    expect(diffTree(['a', 'b', 'c'], ['a', 'x', 'c'])).toEqual({
      type: 'array',
      items: [
        { leftIndex: 0, rightIndex: 0, node: { type: 'unchanged', value: 'a' } },
        { leftIndex: 1, node: { type: 'removed', before: 'b' } },
        { rightIndex: 1, node: { type: 'added', after: 'x' } },
        { leftIndex: 2, rightIndex: 2, node: { type: 'unchanged', value: 'c' } },
      ],
    });
  });

  it('keeps unchanged siblings of a change, with left keys first and new keys last', () => {
    expect(diffTree({ a: 1, b: 2 }, { c: 3, b: 2, a: 0 })).toEqual({
      type: 'object',
      entries: [
        { key: 'a', node: { type: 'changed', before: 1, after: 0 } },
        { key: 'b', node: { type: 'unchanged', value: 2 } },
        { key: 'c', node: { type: 'added', after: 3 } },
      ],
    });
  });
});
