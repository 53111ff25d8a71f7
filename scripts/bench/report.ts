/** Turns rounds into the benchmark's tables (Markdown, readable in a terminal as well). */
import type { Round } from './measure';

export interface Summary {
  rounds: number;
  /** Median over rounds. */
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** All rounds' CPU over all rounds' answers: steadier than a median of ratios. */
  appMsPerRequest: number;
  dbMsPerRequest: number;
  unexpected: Record<string, number>;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function summarize(rounds: Round[]): Summary {
  const total = (pick: (round: Round) => number) => rounds.reduce((sum, round) => sum + pick(round), 0);
  const requests = total((round) => round.requests);
  const unexpected: Record<string, number> = {};
  for (const round of rounds) {
    for (const [status, count] of Object.entries(round.unexpected))
      unexpected[status] = (unexpected[status] ?? 0) + count;
  }
  return {
    rounds: rounds.length,
    reqPerSec: median(rounds.map((round) => round.requests / round.seconds)),
    p50Ms: median(rounds.map((round) => round.p50Ms)),
    p99Ms: median(rounds.map((round) => round.p99Ms)),
    appMsPerRequest: total((round) => round.appCpuMs) / requests,
    dbMsPerRequest: total((round) => round.dbCpuMs) / requests,
    unexpected,
  };
}

export function fixed(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

export function describeUnexpected(unexpected: Record<string, number>): string {
  const entries = Object.entries(unexpected);
  return entries.length === 0 ? 'none' : entries.map(([status, count]) => `${count}× ${status}`).join(', ');
}

/** A Markdown table whose columns are padded to line up in plain text too. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(headers), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export interface Row {
  scenario: string;
  connections: number;
  variant: string;
  summary: Summary;
  /** The no-I/O route's rounds alternated with this scenario's, on the same server. */
  floor: Summary | null;
}

export function resultsTable(rows: Row[]): string {
  return formatTable(
    [
      'Scenario',
      'Conns',
      'Server',
      'req/s',
      'p50 ms',
      'p99 ms',
      'App CPU ms/req',
      'Floor ms/req',
      'App − floor',
      'DB CPU ms/req',
      'Unexpected',
    ],
    rows.map(({ scenario, connections, variant, summary, floor }) => [
      scenario,
      String(connections),
      variant,
      fixed(summary.reqPerSec, 0),
      fixed(summary.p50Ms, 1),
      fixed(summary.p99Ms, 1),
      fixed(summary.appMsPerRequest),
      floor ? fixed(floor.appMsPerRequest) : '–',
      floor ? fixed(summary.appMsPerRequest - floor.appMsPerRequest) : '–',
      fixed(summary.dbMsPerRequest),
      describeUnexpected(summary.unexpected),
    ]),
  );
}

/** Variant B against variant A, scenario by scenario, under a line saying which is which. */
export function abTable(rows: Row[], [a, b]: [string, string]): string {
  const scenarios = [...new Set(rows.map((row) => `${row.scenario} ×${row.connections}`))];
  const find = (scenario: string, variant: string) =>
    rows.find((row) => `${row.scenario} ×${row.connections}` === scenario && row.variant === variant);
  const pairs = scenarios.flatMap((scenario) => {
    const left = find(scenario, a);
    const right = find(scenario, b);
    return left && right ? [[scenario, left.summary, right.summary] as const] : [];
  });
  const table = formatTable(
    [
      'Scenario',
      'req/s A → B',
      'ratio',
      'p99 ms A → B',
      'App CPU ms/req A → B',
      'DB CPU ms/req A → B',
      'DB CPU change',
    ],
    pairs.map(([scenario, left, right]) => [
      scenario,
      `${fixed(left.reqPerSec, 0)} → ${fixed(right.reqPerSec, 0)}`,
      `×${fixed(right.reqPerSec / left.reqPerSec)}`,
      `${fixed(left.p99Ms, 1)} → ${fixed(right.p99Ms, 1)}`,
      `${fixed(left.appMsPerRequest)} → ${fixed(right.appMsPerRequest)}`,
      `${fixed(left.dbMsPerRequest)} → ${fixed(right.dbMsPerRequest)}`,
      `${fixed(((right.dbMsPerRequest - left.dbMsPerRequest) / left.dbMsPerRequest) * 100, 0)}%`,
    ]),
  );
  return `A: \`${a}\`, B: \`${b}\`.\n\n${table}`;
}
