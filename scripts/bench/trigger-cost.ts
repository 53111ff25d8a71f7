/**
 * `npm run bench:triggers -- A.sql B.sql [--rounds N]`: what the triggers of a write cost inside
 * PostgreSQL under two sets of definitions, e.g. a trigger before and after a migration rewrote it.
 * A change of a few tens of microseconds per write is lost in the noise of an HTTP run (±10% on
 * two cores), but `EXPLAIN ANALYZE` times each trigger of one statement on its own.
 *
 * On the database `npm run bench` left (its embedded cluster, or DATABASE_URL), it applies A, then
 * B, alternating round by round (ABBA), and in each round sends the row changes the API's writes
 * make, each in a transaction rolled back, so the data is the same for every round:
 * - an append or a claim: an `overlays` update that sets every column and changes its stamp;
 * - an append's new version: an `output_versions` insert;
 * - a decision: a `decision_facts` insert (its histogram trigger), and a reopen: the delete;
 * - a rebuild or a repair: a `decision_facts` update that moves the fact to another bucket.
 * It ends with B applied: B should be the definitions the migrations leave.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../lib/db/embedded';
import { env } from '../../lib/env';
import { databaseUrlFor } from '../../test/db';
import { formatTable } from './report';

const { values, positionals } = parseArgs({
  options: { rounds: { type: 'string', default: '4' }, rows: { type: 'string', default: '300' } },
  allowPositionals: true,
});
const rounds = Number(values.rounds);
const rowsPerRound = Number(values.rows);
if (positionals.length !== 2 || !(rounds >= 1) || !(rowsPerRound >= 1)) {
  console.error('usage: npm run bench:triggers -- A.sql B.sql [--rounds N] [--rows N]');
  process.exit(2);
}
const variants = positionals.map((file) => ({ file, sql: readFileSync(file, 'utf8') }));

interface PlanTotals {
  write: string;
  /** Which of the two files was in place: 0 or 1. */
  variant: number;
  statements: number;
  executionMs: number;
  triggers: Map<string, { ms: number; calls: number }>;
}
interface ExplainedPlan {
  'Execution Time': number;
  Triggers?: { 'Trigger Name': string; Time: number; Calls: number }[];
}

const cluster = env.DATABASE_URL
  ? { url: env.DATABASE_URL, stop: async () => {} }
  : await startEmbeddedPostgres({ name: 'bench-postgres', port: env.BENCH_PG_PORT });
const client = new pg.Client({ connectionString: databaseUrlFor(cluster.url, 'review_inbox_bench') });
try {
  await client.connect();
  const { rows: overlays } = await client.query<{ id: string; author_id: string }>(
    `SELECT o.id, v.author_id FROM overlays o JOIN output_versions v ON v.overlay_id = o.id AND v.seq = 0
      WHERE o.status = 'awaiting_review' ORDER BY o.id LIMIT $1`,
    [rowsPerRound],
  );
  const { rows: facts } = await client.query<Record<string, unknown>>(
    'SELECT * FROM decision_facts ORDER BY overlay_id LIMIT $1',
    [rowsPerRound],
  );
  if (overlays.length === 0 || facts.length === 0)
    throw new Error('no dataset in the bench database: run `npm run bench -- --quick --only review` first');
  const columns = Object.keys(facts[0]!);
  const insertFact = `INSERT INTO decision_facts (${columns.map((name) => `"${name}"`).join(', ')})
    VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')})`;

  const totals = new Map<string, PlanTotals>();
  let variant = 0;
  const explain = async (write: string, text: string, parameters: unknown[]) => {
    const { rows } = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, parameters);
    const plan = (rows[0]['QUERY PLAN'] as ExplainedPlan[])[0]!;
    const label = `${write} ${variant}`;
    const total = totals.get(label) ?? { write, variant, statements: 0, executionMs: 0, triggers: new Map() };
    total.statements += 1;
    total.executionMs += plan['Execution Time'];
    for (const trigger of plan.Triggers ?? []) {
      const seen = total.triggers.get(trigger['Trigger Name']) ?? { ms: 0, calls: 0 };
      seen.ms += trigger.Time;
      seen.calls += trigger.Calls;
      total.triggers.set(trigger['Trigger Name'], seen);
    }
    totals.set(label, total);
  };
  const rolledBack = async (work: () => Promise<void>) => {
    await client.query('BEGIN');
    try {
      await work();
    } finally {
      await client.query('ROLLBACK');
    }
  };

  for (let round = 0; round < rounds; round++) {
    for (variant of round % 2 === 0 ? [0, 1] : [1, 0]) {
      await client.query(variants[variant]!.sql);
      for (const [n, { id, author_id }] of overlays.entries()) {
        const fact = facts[n % facts.length]!;
        await rolledBack(async () => {
          await explain(
            "append's version",
            `INSERT INTO output_versions (overlay_id, seq, parent_seq, origin, author_id, snapshot, content_sha256)
             SELECT $1, max(seq) + 1, max(seq), 'human_edit', $2, $3::json, 'sha' FROM output_versions WHERE overlay_id = $1`,
            [id, author_id, JSON.stringify({ invoice_number: `INV-${n}`, total: n / 4, vendor: 'Acme', paid: false })],
          );
          await explain(
            'append or claim',
            `UPDATE overlays SET rev = rev + 1, status = status, priority = priority, awaiting_since = awaiting_since,
               claim_holder_id = claim_holder_id, claim_expires_at = claim_expires_at, updated_at = clock_timestamp()
             WHERE id = $1`,
            [id],
          );
          await explain(
            'fact moved to another bucket',
            'UPDATE decision_facts SET seconds_to_decision = seconds_to_decision * 2 + 1 WHERE overlay_id = $1',
            [fact.overlay_id],
          );
        });
        await rolledBack(async () => {
          await explain('reopen (fact deleted)', 'DELETE FROM decision_facts WHERE overlay_id = $1', [fact.overlay_id]);
          await explain(
            'decision (fact inserted)',
            insertFact,
            columns.map((name) => fact[name]),
          );
        });
      }
    }
  }
  await client.query(variants[1]!.sql);

  const rowsOut = [...totals.values()]
    .sort((a, b) => a.write.localeCompare(b.write) || a.variant - b.variant)
    .map((total) => {
      const perStatement = (ms: number) => ((ms / total.statements) * 1000).toFixed(1);
      const triggers = [...total.triggers.entries()]
        .filter(([name]) => !name.startsWith('RI_ConstraintTrigger'))
        .map(
          ([name, { ms, calls }]) => `${name} ${perStatement(ms)} µs (${(calls / total.statements).toFixed(0)} call)`,
        )
        .join('; ');
      return [total.write, variants[total.variant]!.file, perStatement(total.executionMs), triggers || 'none fired'];
    });
  console.log(
    `${rounds} rounds × ${overlays.length} statements of each kind per file, alternating; each in a transaction rolled back.\n`,
  );
  console.log(formatTable(['Write', 'Definitions', 'Execution µs/statement', 'Triggers µs/statement'], rowsOut));
} finally {
  await client.end().catch(() => {});
  await cluster.stop();
}
