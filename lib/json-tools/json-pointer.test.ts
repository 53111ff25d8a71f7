import { describe, expect, it } from 'vitest';
import { formatPointer, resolvePointer } from './json-pointer';

const value = { a: { 'b/c': [10, { 'x~y': 1 }] }, '': 2 };

describe('resolvePointer', () => {
  it('follows RFC 6901, escapes included, with array indexes as numbers', () => {
    expect(resolvePointer(value, '')).toEqual([]);
    expect(resolvePointer(value, '/a/b~1c/1/x~0y')).toEqual(['a', 'b/c', 1, 'x~y']);
    expect(resolvePointer(value, '/')).toEqual(['']);
  });

  it('answers null for what names nothing, and for malformed pointers', () => {
    expect(resolvePointer(value, 'a')).toBeNull();
    expect(resolvePointer(value, '/a/b~1c/2')).toBeNull();
    expect(resolvePointer(value, '/a/b~1c/01')).toBeNull();
    expect(resolvePointer(value, '/a/b~1c/-')).toBeNull();
    expect(resolvePointer(value, '/a/b~2c')).toBeNull();
    expect(resolvePointer(value, '/toString')).toBeNull();
  });

  it('round-trips with formatPointer', () => {
    expect(formatPointer(['a', 'b/c', 1, 'x~y'])).toBe('/a/b~1c/1/x~0y');
  });
});
