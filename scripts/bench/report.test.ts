import { describe, expect, it } from 'vitest';
import type { Round } from './measure';
import { abTable, formatTable, median, resultsTable, summarize } from './report';

const round = (overrides: Partial<Round>): Round => ({
  requests: 100,
  seconds: 2,
  p50Ms: 2,
  p99Ms: 9,
  appCpuMs: 300,
  dbCpuMs: 100,
  unexpected: {},
  ...overrides,
});

describe('summarize', () => {
  it('takes the median round for rates and latencies, and all CPU over all answers', () => {
    const summary = summarize([
      round({ requests: 100, seconds: 2, p99Ms: 9, appCpuMs: 300 }),
      round({ requests: 300, seconds: 2, p99Ms: 30, appCpuMs: 500, unexpected: { '409': 2 } }),
      round({ requests: 200, seconds: 2, p99Ms: 12, appCpuMs: 400, unexpected: { '409': 1, errors: 1 } }),
    ]);
    expect(summary.reqPerSec).toBe(100);
    expect(summary.p99Ms).toBe(12);
    expect(summary.appMsPerRequest).toBe(1200 / 600);
    expect(summary.dbMsPerRequest).toBe(300 / 600);
    expect(summary.unexpected).toEqual({ '409': 3, errors: 1 });
  });

  it('averages the middle two of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('tables', () => {
  it('pads every column so the Markdown lines up as plain text', () => {
    expect(formatTable(['A', 'Long header'], [['wide cell', 'x']])).toBe(
      ['| A         | Long header |', '|-----------|-------------|', '| wide cell | x           |'].join('\n'),
    );
  });

  it('shows the floor, what a route costs above it, and n/a where nothing was measured', () => {
    const summary = summarize([round({ dbCpuMs: Number.NaN })]);
    const floor = summarize([round({ appCpuMs: 100 })]);
    const table = resultsTable([{ scenario: 'GET x', connections: 1, variant: 'app', summary, floor }]);
    expect(table).toContain('| 3.00 ');
    expect(table).toContain('| 1.00 ');
    expect(table).toContain('| 2.00 ');
    expect(table).toContain('| n/a ');
  });

  it('compares two variants scenario by scenario', () => {
    const slow = summarize([round({ requests: 100, dbCpuMs: 200 })]);
    const fast = summarize([round({ requests: 150, dbCpuMs: 150 })]);
    const table = abTable(
      [
        { scenario: 'GET x', connections: 1, variant: 'A', summary: slow, floor: null },
        { scenario: 'GET x', connections: 1, variant: 'B', summary: fast, floor: null },
        { scenario: 'GET y', connections: 1, variant: 'A', summary: slow, floor: null },
      ],
      ['A', 'B'],
    );
    expect(table).toMatch(/^A: `A`, B: `B`\./);
    expect(table).toContain('| GET x ×1 ');
    expect(table).toContain('50 → 75');
    expect(table).toContain('×1.50');
    expect(table).toContain('2.00 → 1.00');
    expect(table).toContain('-50%');
    expect(table).not.toContain('GET y');
  });
});
