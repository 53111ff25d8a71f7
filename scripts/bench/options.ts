/** The command line of `npm run bench`. */
export interface BenchOptions {
  /** 50,000 overlays and short rounds, for CI and development; otherwise 1,000,000. */
  quick: boolean;
  overlays: number;
  rounds: number;
  seconds: number;
  /**
   * Two servers measured in alternation: on one build, differing in one environment variable; on
   * two builds (`NEXT_DIST_DIR=A,B`); or on one build with two SQL files (`SQL=a.sql,b.sql`), each
   * applied to the database before its server's rounds (e.g. two versions of a trigger).
   */
  ab: { name: string; values: [string, string] } | null;
  /** Only the live-update section: write throughput at 32 connections and live latency. */
  liveOnly: boolean;
  out: string;
  /**
   * `insight`: only the insight routes and their plans, for re-measuring them quickly (into
   * BENCHMARKS-insight.md). `review`: only the review API's scenarios, without live updates or the
   * insight routes, e.g. to compare with a build from before they existed (into BENCHMARKS-review.md).
   */
  only: 'insight' | 'review' | null;
  /** Keeps the bench database when it already holds a dataset of this size (migrating it). */
  reuse: boolean;
  /**
   * Pauses (SIGSTOP) every server but the one measured: on one database, an idle server still
   * answers the notifications of the measured one's writes (its dispatcher wakes, for one), and
   * that work would count in the measured server's database CPU.
   */
  pauseIdle: boolean;
}

export const USAGE = `npm run bench -- [--quick] [--live-only] [--rounds N] [--seconds S] [--ab NAME=A,B] [--out FILE] [--only insight|review] [--reuse] [--pause-idle]`;

export function parseBenchOptions(args: string[]): BenchOptions | string {
  const quick = args.includes('--quick');
  const options: BenchOptions = {
    quick,
    overlays: quick ? 50_000 : 1_000_000,
    rounds: 3,
    seconds: quick ? 3 : 10,
    ab: null,
    liveOnly: args.includes('--live-only'),
    out: 'BENCHMARKS.md',
    only: null,
    reuse: args.includes('--reuse'),
    pauseIdle: args.includes('--pause-idle'),
  };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    const value = args[index + 1];
    if (arg === '--quick' || arg === '--live-only' || arg === '--reuse' || arg === '--pause-idle') continue;
    if (value === undefined) return `${arg} needs a value, or is unknown. Usage: ${USAGE}`;
    index += 1;
    if (arg === '--rounds' || arg === '--seconds') {
      const number = Number(value);
      if (!Number.isInteger(number) || number < 1) return `${arg} takes a whole number ≥ 1, not ${value}`;
      options[arg === '--rounds' ? 'rounds' : 'seconds'] = number;
    } else if (arg === '--ab') {
      const match = /^([A-Z][A-Z0-9_]*)=([^,]*),([^,]*)$/.exec(value);
      if (!match) return `--ab takes NAME=A,B (e.g. DATABASE_PREPARED_STATEMENTS=false,true), not ${value}`;
      options.ab = { name: match[1]!, values: [match[2]!, match[3]!] };
    } else if (arg === '--out') {
      options.out = value;
    } else if (arg === '--only') {
      if (value !== 'insight' && value !== 'review') return `--only takes insight or review, not ${value}`;
      options.only = value;
    } else {
      return `unknown option ${arg}. Usage: ${USAGE}`;
    }
  }
  // A partial run does not overwrite the full report.
  if (options.only && !args.includes('--out')) options.out = `BENCHMARKS-${options.only}.md`;
  return options;
}
