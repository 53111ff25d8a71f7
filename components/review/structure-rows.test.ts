import { describe, expect, it } from 'vitest';
import { flattenStructure } from './structure-rows';

describe('flattenStructure', () => {
  it('lists fields in reading order, each container followed by its add control', () => {
    const value = { a: 1, lines: [{ x: 'p' }], b: null };
    expect(flattenStructure(value).map((row) => `${row.type} ${row.key} ${row.depth}`)).toEqual([
      'field /a 0',
      'field /lines 0',
      'field /lines/0 1',
      'field /lines/0/x 2',
      'add-field /lines/0#add 2',
      'add-item /lines#add 1',
      'field /b 0',
      'add-field #add 0',
    ]);
  });

  it('lays out a container that moved by its new place', () => {
    const first = { x: 'p' };
    const second = { x: 'q' };
    flattenStructure({ lines: [first, second] });
    const rows = flattenStructure({ lines: [second] });
    expect(rows.map((row) => row.key)).toEqual([
      '/lines',
      '/lines/0',
      '/lines/0/x',
      '/lines/0#add',
      '/lines#add',
      '#add',
    ]);
    expect(rows.find((row) => row.key === '/lines/0/x')).toMatchObject({ value: 'q', path: ['lines', 0, 'x'] });
  });

  it('keeps the identity of unchanged parts of the value', () => {
    const line = { x: 'p' };
    const value = { lines: [line] };
    const rows = flattenStructure(value);
    expect(rows.find((row) => row.key === '/lines/0')).toMatchObject({ value: line, path: ['lines', 0] });
    expect(rows.find((row) => row.key === '/lines/0#add')).toMatchObject({ container: line });
  });
});
