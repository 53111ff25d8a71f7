import { describe, expect, it } from 'vitest';
import { blankLike, convertToKind, isJsonObject, jsonEqual, kindOf, parseJsonObject, previewJson } from './json-value';

describe('kindOf', () => {
  it('names every JSON kind', () => {
    expect([kindOf('a'), kindOf(1), kindOf(false), kindOf(null), kindOf({}), kindOf([])]).toEqual([
      'string',
      'number',
      'boolean',
      'null',
      'object',
      'array',
    ]);
  });
});

describe('isJsonObject', () => {
  it('accepts plain objects only', () => {
    expect(isJsonObject({ a: 1 })).toBe(true);
    expect(isJsonObject([])).toBe(false);
    expect(isJsonObject(null)).toBe(false);
    expect(isJsonObject('x')).toBe(false);
  });
});

describe('jsonEqual', () => {
  it('ignores key order but not array order', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
  });

  it('tells apart values of different kinds and shapes', () => {
    expect(jsonEqual(null, {})).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual({ a: undefined }, { b: undefined })).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual('1', 1)).toBe(false);
  });
});

describe('convertToKind', () => {
  it('keeps what still makes sense', () => {
    expect(convertToKind(12, 'string')).toBe('12');
    expect(convertToKind(' 12.5 ', 'number')).toBe(12.5);
    expect(convertToKind('true', 'boolean')).toBe(true);
    expect(convertToKind(false, 'string')).toBe('false');
  });

  it('falls back to an empty value of the new kind', () => {
    expect(convertToKind('abc', 'number')).toBe(0);
    expect(convertToKind('', 'number')).toBe(0);
    expect(convertToKind({ a: 1 }, 'string')).toBe('');
    expect(convertToKind('x', 'object')).toEqual({});
    expect(convertToKind('x', 'array')).toEqual([]);
    expect(convertToKind([1], 'null')).toBeNull();
  });

  it('returns the same value when the kind does not change', () => {
    const value = { a: 1 };
    expect(convertToKind(value, 'object')).toBe(value);
  });
});

describe('blankLike', () => {
  it('empties a value but keeps its object shape', () => {
    expect(blankLike({ sku: 'A-1', qty: 3, taxable: true, tags: ['x'], meta: { note: null } })).toEqual({
      sku: '',
      qty: 0,
      taxable: false,
      tags: [],
      meta: { note: null },
    });
  });
});

describe('previewJson', () => {
  it('shows short values whole and cuts long ones', () => {
    expect(previewJson({ a: 'b' })).toBe('{"a":"b"}');
    expect(previewJson('x'.repeat(100), 10)).toBe(`"${'x'.repeat(8)}…`);
  });
});

describe('parseJsonObject', () => {
  it('accepts an object', () => {
    expect(parseJsonObject('{"a": [1]}')).toEqual({ ok: true, value: { a: [1] } });
  });

  it('explains a syntax error', () => {
    const result = parseJsonObject('{"a": }');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/JSON|token/);
  });

  it('refuses JSON that is not an object', () => {
    expect(parseJsonObject('[1]')).toEqual({ ok: false, error: 'The output must be a JSON object, not array.' });
    expect(parseJsonObject('null')).toEqual({ ok: false, error: 'The output must be a JSON object, not null.' });
  });
});
