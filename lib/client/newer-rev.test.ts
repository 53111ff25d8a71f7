import { describe, expect, it } from 'vitest';
import { isNotOlder, newerOf } from './newer-rev';

describe('the newer-rev rule', () => {
  it('lets a copy replace one at the same or a lower rev, or none at all', () => {
    expect(isNotOlder(3, undefined)).toBe(true);
    expect(isNotOlder(3, 2)).toBe(true);
    expect(isNotOlder(3, 3)).toBe(true);
    expect(isNotOlder(2, 3)).toBe(false);
  });

  it('keeps the cached copy only when it is newer', () => {
    const cached = { rev: 5, name: 'cached' };
    expect(newerOf(cached, { rev: 4, name: 'late answer' })).toBe(cached);
    expect(newerOf(cached, { rev: 5, name: 'same state' }).name).toBe('same state');
    expect(newerOf(cached, { rev: 6, name: 'newer' }).name).toBe('newer');
    expect(newerOf(undefined, { rev: 0, name: 'first' }).name).toBe('first');
  });
});
