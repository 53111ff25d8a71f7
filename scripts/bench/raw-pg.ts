/**
 * The second baseline for writes: the very statements a `POST …/versions` sends (load and
 * guarded write, the caller remembered as a server remembers it), built by the same service
 * code but sent through a raw `pg` pool from this process, with named statements. What a write costs without Next.js, the route wrapper and
 * Prisma. The same hook captures the SQL of the queue and of the insight routes for their EXPLAIN.
 */
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { statementName } from '../../lib/db/statement-names';
import { AppError } from '../../lib/errors';
import { LEAD_KEY, REVIEWER_KEY } from './dataset';
import { dbCpuMs, type Probes, type Round } from './measure';
import { nextCommandId, snapshotFor, type Target, type TargetPool } from './scenarios';

type Statement = { text: string; values: unknown[] };

/** Loads the service with its SQL (`$queryRaw` and lib/db/sql.ts) sent through `pool`. DATABASE_URL must be set first. */
export async function rawPgService(pool: pg.Pool) {
  // Imported only now: the Prisma client reads DATABASE_URL on first use.
  const { Prisma } = await import('../../lib/db/generated/client');
  const { databasePool, prisma } = await import('../../lib/db/prisma');
  const service = await import('../../lib/reviews/service');
  const insight = await import('../../lib/insight/service');
  const insightSchemas = await import('../../lib/insight/schemas');
  const { callerForApiKey } = await import('../../lib/auth/credentials');
  // As a server does: callers are remembered while credential changes are heard.
  const { listenForCredentialChanges } = await import('../../lib/auth/credential-changes');
  await listenForCredentialChanges();
  const { ZQueueQuery } = await import('../../lib/reviews/schemas');

  // Reading a property creates the cached client (it connects only on its first query).
  void prisma.$queryRaw;
  const client = (globalThis as unknown as { reviewInboxDatabase: { prisma: { $queryRaw: unknown } } })
    .reviewInboxDatabase.prisma;
  let captured: Statement[] | null = null;
  const appPool = databasePool();
  appPool.query = ((config: pg.QueryConfig) => {
    captured?.push({ text: config.text, values: config.values ?? [] });
    return pool.query(config);
  }) as typeof appPool.query;
  client.$queryRaw = async (strings: TemplateStringsArray, ...values: unknown[]) => {
    const statement = Prisma.sql(strings, ...values);
    captured?.push({ text: statement.text, values: statement.values as unknown[] });
    const result = await pool.query({
      name: statementName(statement.text),
      text: statement.text,
      values: statement.values,
    });
    return result.rows;
  };

  const caller = async (key = REVIEWER_KEY) => {
    const found = await callerForApiKey(key);
    if (!found) throw new Error(`the dataset has no key ${key}`);
    return found;
  };

  /** One append as the route makes it; answers the status the route would. */
  async function appendVersion(target: Target): Promise<number> {
    try {
      await service.appendVersion(
        await caller(),
        { runId: target.runId, blockId: target.blockId },
        { version_stamp: target.rev, snapshot: snapshotFor(target.rev), command_id: nextCommandId() },
      );
      target.rev += 1;
      return 200;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'version_conflict') throw error;
      target.rev = Number(error.details?.current_rev);
      return 409;
    }
  }

  /** The SQL of one queue page of `query` (the first awaiting page by default), as the service sends it. */
  async function queueStatement(query: Record<string, string> = {}): Promise<Statement> {
    const reviewer = await caller();
    captured = [];
    try {
      await service.listQueue(reviewer, ZQueueQuery.parse({ limit: '50', ...query }));
      const statement = captured.at(-1);
      if (!statement) throw new Error('listQueue sent no statement');
      return statement;
    } finally {
      captured = null;
    }
  }

  /** Every statement an insight route's service function sends, in order. */
  async function insightStatements(
    route: 'queue' | 'decisions' | 'corrections',
    query: Record<string, string>,
  ): Promise<Statement[]> {
    // The caller is found before capturing: only the route's own statements are explained.
    const lead = await caller(LEAD_KEY);
    captured = [];
    try {
      if (route === 'queue') await insight.getQueueStats(lead, insightSchemas.ZQueueStatsQuery.parse(query));
      else if (route === 'decisions')
        await insight.getDecisionStats(lead, insightSchemas.ZDecisionStatsQuery.parse(query));
      else await insight.getCorrectionStats(lead, insightSchemas.ZCorrectionStatsQuery.parse(query));
      return captured;
    } finally {
      captured = null;
    }
  }

  return { appendVersion, queueStatement, insightStatements };
}

export type RawPgService = Awaited<ReturnType<typeof rawPgService>>;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** `connections` callers appending for `seconds`; the app CPU is this process's own. */
export async function rawPgRound(
  service: RawPgService,
  pool: TargetPool,
  connections: number,
  seconds: number,
  probes: Probes,
): Promise<Round> {
  const latencies: number[] = [];
  const unexpected: Record<string, number> = {};
  const cpuBefore = process.cpuUsage();
  const dbBefore = dbCpuMs(probes);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const start = performance.now();
        const status = await service.appendVersion(pool.next());
        latencies.push(performance.now() - start);
        if (status !== 200) unexpected[status] = (unexpected[status] ?? 0) + 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds: elapsed,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    appCpuMs: (cpu.user + cpu.system) / 1000,
    dbCpuMs: dbCpuMs(probes) - dbBefore,
    unexpected,
  };
}

/**
 * EXPLAIN of a statement as the service sent it: as planned for these values, and the generic
 * plan a named statement may switch to after five executions.
 */
export async function explainWithGenericPlan(pool: pg.Pool, statement: Statement): Promise<string> {
  const analyzed = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.values);
  const lines = (result: pg.QueryResult) => result.rows.map((row) => row['QUERY PLAN'] as string).join('\n');
  // A statement whose parameters' types only its values tell has no generic plan to show.
  const generic = await pool
    .query(`EXPLAIN (GENERIC_PLAN) ${statement.text}`)
    .then(lines, (error: Error) => `(none: ${error.message})`);
  return `-- EXPLAIN (ANALYZE, BUFFERS), with these values\n${lines(analyzed)}\n\n-- EXPLAIN (GENERIC_PLAN)\n${generic}`;
}
