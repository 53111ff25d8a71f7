import { describe, expect, it } from 'vitest';
import { parseBenchOptions } from './options';

describe('parseBenchOptions', () => {
  it('measures a million overlays by default and 50,000 with --quick', () => {
    expect(parseBenchOptions([])).toMatchObject({
      quick: false,
      overlays: 1_000_000,
      rounds: 3,
      seconds: 10,
      ab: null,
      only: null,
      reuse: false,
    });
    expect(parseBenchOptions(['--quick'])).toMatchObject({ quick: true, overlays: 50_000, seconds: 3 });
  });

  it('reads rounds, seconds, the output file and an A/B switch', () => {
    expect(
      parseBenchOptions([
        '--quick',
        '--rounds',
        '5',
        '--seconds',
        '4',
        '--ab',
        'DATABASE_PREPARED_STATEMENTS=false,true',
        '--out',
        'x.md',
      ]),
    ).toMatchObject({
      rounds: 5,
      seconds: 4,
      out: 'x.md',
      ab: { name: 'DATABASE_PREPARED_STATEMENTS', values: ['false', 'true'] },
    });
  });

  it('measures only the insight routes on a kept dataset', () => {
    expect(parseBenchOptions(['--only', 'insight', '--reuse'])).toMatchObject({
      only: 'insight',
      reuse: true,
      out: 'BENCHMARKS-insight.md',
    });
    expect(parseBenchOptions(['--only', 'insight', '--out', 'x.md'])).toMatchObject({ out: 'x.md' });
  });

  it('measures only the review API, into a report of its own', () => {
    expect(parseBenchOptions(['--only', 'review'])).toMatchObject({ only: 'review', out: 'BENCHMARKS-review.md' });
  });

  it('compares two SQL files of database definitions', () => {
    expect(parseBenchOptions(['--ab', 'SQL=/tmp/before.sql,/tmp/after.sql'])).toMatchObject({
      ab: { name: 'SQL', values: ['/tmp/before.sql', '/tmp/after.sql'] },
    });
  });

  it('explains what it cannot read', () => {
    expect(parseBenchOptions(['--only', 'queue'])).toMatch(/--only takes insight or review/);
    expect(parseBenchOptions(['--rounds', '0'])).toMatch(/whole number/);
    expect(parseBenchOptions(['--ab', 'prepared'])).toMatch(/NAME=A,B/);
    expect(parseBenchOptions(['--fast', 'yes'])).toMatch(/unknown option/);
    expect(parseBenchOptions(['--seconds'])).toMatch(/needs a value/);
  });
});
