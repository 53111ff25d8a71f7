import { describe, expect, it } from 'vitest';
import { diffTree } from '@/lib/json-tools/json-diff';
import { buildDiffRows, type DiffRow } from './version-diff-rows';

function render(rows: DiffRow[]) {
  const cell = (line: DiffRow['left']) => (line ? `${line.kind?.[0] ?? ' '} ${line.text}` : '');
  return rows.map((row) => `${cell(row.left)} | ${cell(row.right)}`.trimEnd());
}

describe('buildDiffRows', () => {
  it('prints identical values on both sides', () => {
    expect(render(buildDiffRows(diffTree({ a: [1, {}] }, { a: [1, {}] })))).toEqual([
      '  { |   {',
      '    "a": [ |     "a": [',
      '      1, |       1,',
      '      {} |       {}',
      '    ] |     ]',
      '  } |   }',
    ]);
  });

  it('aligns changed, removed and added lines with commas right on each side', () => {
    const rows = buildDiffRows(diffTree({ total: 1, memo: 'x' }, { total: 2, currency: 'NOK' }));
    expect(render(rows)).toEqual([
      '  { |   {',
      'c   "total": 1, | c   "total": 2,',
      'r   "memo": "x" |',
      ' | a   "currency": "NOK"',
      '  } |   }',
    ]);
  });

  it('pads the shorter side of a change of type', () => {
    const rows = buildDiffRows(diffTree({ amount: 5 }, { amount: { value: 5, unit: 'EUR' } }));
    expect(render(rows)).toEqual([
      '  { |   {',
      'c   "amount": 5 | c   "amount": {',
      ' | c     "value": 5,',
      ' | c     "unit": "EUR"',
      ' | c   }',
      '  } |   }',
    ]);
  });

  it('keeps markup in strings as JSON text', () => {
    const rows = buildDiffRows(diffTree({ note: '' }, { note: '<script>alert(1)</script>' }));
    expect(rows[1]?.right).toEqual({ text: '  "note": "<script>alert(1)</script>"', kind: 'changed' });
  });

  it('lays out array items in diff order', () => {
    expect(render(buildDiffRows(diffTree(['a', 'b'], ['a', 'c'])))).toEqual([
      '  [ |   [',
      '    "a", |     "a",',
      'r   "b" |',
      ' | a   "c"',
      '  ] |   ]',
    ]);
  });
});
