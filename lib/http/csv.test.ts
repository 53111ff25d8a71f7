import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { csvTablesOf, encodeCsv } from './csv';

const schema = z.object({
  total: z.number(),
  waits: z.object({ p50: z.number().nullable() }),
  rows: z.array(z.object({ who: z.object({ id: z.string() }), n: z.number(), note: z.string().nullable() })),
  empty: z.array(z.object({ a: z.string() })),
});

describe('the CSV encoder', () => {
  const tables = csvTablesOf(schema, {
    total: 3,
    waits: { p50: null },
    rows: [
      { who: { id: 'a,b' }, n: 1, note: 'said "hi"' },
      { who: { id: '=SUM(A1)' }, n: 2, note: 'line\nbreak' },
    ],
    empty: [],
  });

  it('makes a summary of the single values and a table of each list, in order', () => {
    expect(tables.map((table) => [table.name, table.columns])).toEqual([
      ['summary', ['total', 'waits.p50']],
      ['rows', ['who.id', 'n', 'note']],
      ['empty', ['a']],
    ]);
  });

  it('quotes what needs quoting, leaves null empty and defuses formulas', () => {
    expect(encodeCsv(tables[0]!)).toBe('total,waits.p50\r\n3,\r\n');
    expect(encodeCsv(tables[1]!)).toBe('who.id,n,note\r\n"a,b",1,"said ""hi"""\r\n\'=SUM(A1),2,"line\nbreak"\r\n');
    expect(encodeCsv(tables[2]!)).toBe('a\r\n');
  });
});
