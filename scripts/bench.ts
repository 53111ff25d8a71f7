/**
 * `npm run bench`: how the review API's hot paths scale, as ratios against baselines measured in
 * the same run on the same database, so the numbers mean something on any machine.
 *
 *  1. Writes: appendVersion (load, then one guarded statement that writes and returns the overlay)
 *     against the cheapest possible guarded write, a bare one-row `UPDATE … WHERE rev = …`
 *     through raw `pg`.
 *  2. History: statements and time per command on an overlay with 1 version and with 300.
 *  3. Queue: the first page against a page 50,000 items deep, in a queue of 100,000.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startEmbeddedPostgres } from '../lib/db/embedded';
import { Prisma } from '../lib/db/generated/client';
import { migrate } from '../lib/db/migrator';
import { env, setDatabaseUrl } from '../lib/env';
import { recreateDatabase } from '../test/db';

const CONCURRENCY = 8;
const WRITES = 1500;
const QUEUE_SIZE = 100_000;

const server = env.DATABASE_URL
  ? { url: env.DATABASE_URL, stop: async () => {} }
  : await startEmbeddedPostgres({ name: 'bench-postgres', port: 54332 });
const databaseUrl = await recreateDatabase(server.url, 'review_inbox_bench');
await migrate(databaseUrl);
setDatabaseUrl(databaseUrl);

// Imported only now: the Prisma client reads DATABASE_URL on first use.
const { prisma } = await import('../lib/db/prisma');
const service = await import('../lib/reviews/service');
const pool = new pg.Pool({ connectionString: databaseUrl, max: CONCURRENCY });

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

async function inParallel(total: number, task: (index: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const [, ms] = await timed(() =>
    Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let index = next++; index < total; index = next++) await task(index);
      }),
    ),
  );
  return (total / ms) * 1000;
}

/**
 * Every statement of the service goes through `$queryRaw`; wrapping it counts them, and can send
 * the very same SQL and parameters through raw `pg` instead, to see what Prisma itself costs.
 */
let statements = 0;
let throughRawPg = false;
const org = await prisma.organization.create({ data: { slug: 'bench', name: 'Bench' } });
const client = (globalThis as unknown as { reviewInboxPrisma: { $queryRaw: (...args: unknown[]) => Promise<unknown> } })
  .reviewInboxPrisma;
const originalQueryRaw = client.$queryRaw.bind(client);
client.$queryRaw = async (...args: unknown[]) => {
  statements += 1;
  if (!throughRawPg) return originalQueryRaw(...args);
  const [strings, ...values] = args as [TemplateStringsArray, ...unknown[]];
  const statement = Prisma.sql(strings, ...values);
  return (await pool.query(statement.text, statement.values as unknown[])).rows;
};

const makeCaller = async (role: 'integration' | 'reviewer') => {
  const actor = await prisma.actor.create({
    data: { organizationId: org.id, publicId: `act_bench_${role}`, kind: 'human', displayName: `Bench ${role}`, role },
  });
  return {
    pk: actor.id,
    organizationId: org.id,
    kind: 'human' as const,
    id: actor.publicId,
    display_name: actor.displayName,
    role,
  };
};
const integration = await makeCaller('integration');
const reviewer = await makeCaller('reviewer');
const snapshot = { vendor: 'Acme GmbH', total: 1200.5, lines: [{ sku: 'A-1', qty: 2, price: 600.25 }] };

async function openGate(runId: string) {
  const { overlay } = await service.openGate(integration, {
    workflow_id: 'bench',
    workflow_version_id: 'v1',
    workflow_run_id: runId,
    block_id: 'extract',
    block_type: 'extract',
    model_output: snapshot,
    model: { id: 'bench-model', display_name: 'Bench Model' },
  });
  return overlay;
}

// ---- 1. writes against a bare compare-and-swap -----------------------------------------------
const OVERLAYS = 200;
const ROUNDS = 3;
const overlays = await Promise.all(Array.from({ length: OVERLAYS }, (_, i) => openGate(`w-${i}`)));
const revs = overlays.map(() => 0);
let writesDone = 0;
const apiRound = () =>
  inParallel(WRITES / ROUNDS, async () => {
    // Eight callers at a time over 200 overlays: no two are ever on the same overlay at once,
    // so the stamps sent are always current and every call is a real write.
    const index = writesDone++;
    const slot = index % OVERLAYS;
    const stamp = revs[slot] ?? 0;
    revs[slot] = stamp + 1;
    await service.appendVersion(
      reviewer,
      { runId: `w-${slot}`, blockId: 'extract' },
      {
        snapshot: { ...snapshot, total: index },
        version_stamp: stamp,
      },
    );
  });
const idRows = await pool.query<{ id: string }>('SELECT id FROM overlays');
const rawIds = idRows.rows.map((row) => row.id);
let rawDone = 0;
// The bare compare-and-swap moves `rev` on a guard that always holds, so it keeps the API's
// stamps valid for the next round.
const rawRound = () =>
  inParallel(WRITES / ROUNDS, async () => {
    const id = rawIds[rawDone++ % rawIds.length] as string;
    await pool.query('UPDATE overlays SET updated_at = now() WHERE id = $1 AND rev = rev', [id]);
  });
// Rounds alternate so that a busy moment of the machine weighs on every side alike.
const apiRates: number[] = [];
const apiOnPgRates: number[] = [];
const rawRates: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  apiRates.push(await apiRound());
  throughRawPg = true;
  apiOnPgRates.push(await apiRound());
  throughRawPg = false;
  rawRates.push(await rawRound());
}
const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? 0;
const apiOpsPerSecond = median(apiRates);
const apiOnPgOpsPerSecond = median(apiOnPgRates);
const rawOpsPerSecond = median(rawRates);

// ---- 2. cost per command with a short and a long history ------------------------------------
async function costOfAppend(runId: string, stamp: number) {
  const before = statements;
  const [, ms] = await timed(() =>
    service.appendVersion(reviewer, { runId, blockId: 'extract' }, { snapshot, version_stamp: stamp }),
  );
  return { statements: statements - before, ms };
}
await openGate('short');
await openGate('long');
for (let seq = 0; seq < 300; seq++) {
  await service.appendVersion(
    reviewer,
    { runId: 'long', blockId: 'extract' },
    { snapshot: { ...snapshot, seq }, version_stamp: seq },
  );
}
// The first call on a fresh overlay warms caches; it is not the one measured.
await costOfAppend('short', 0);
const short = await costOfAppend('short', 1);
const long = await costOfAppend('long', 300);

// ---- 3. the queue: first page against a deep page --------------------------------------------
const bulk = await pool.connect();
try {
  // Bulk load without triggers: the run-status and notify triggers are per-row work the bench
  // is not measuring.
  await bulk.query('BEGIN');
  await bulk.query('SET LOCAL session_replication_role = replica');
  await bulk.query(
    `INSERT INTO workflow_runs (organization_id, run_id, workflow_id)
     SELECT $1, 'q-' || i, 'bench' FROM generate_series(1, $2) AS i`,
    [org.id, QUEUE_SIZE],
  );
  await bulk.query(
    `INSERT INTO overlays (organization_id, run_pk, workflow_id, workflow_version_id, workflow_run_id, block_id,
                           block_run_id, block_type, triggered_by, awaiting_since, priority, gate_fingerprint)
     SELECT r.organization_id, r.id, 'bench', 'v1', r.run_id, 'extract', r.run_id || ':extract', 'extract',
            '{"kind":"always"}', now() - (random() * interval '10 days'), (random() * 3)::int, 'x'
       FROM workflow_runs r WHERE r.run_id LIKE 'q-%'`,
  );
  await bulk.query(
    `INSERT INTO output_versions (overlay_id, seq, origin, author_id, snapshot, content_sha256)
     SELECT o.id, 0, 'model_output', $1, '{}'::json, 'x' FROM overlays o WHERE o.workflow_run_id LIKE 'q-%'`,
    [integration.pk],
  );
  await bulk.query('COMMIT');
  await bulk.query('ANALYZE');
} finally {
  bulk.release();
}

async function pageTime(cursor?: string) {
  const runs: number[] = [];
  let page: Awaited<ReturnType<typeof service.listQueue>> | undefined;
  for (let i = 0; i < 15; i++) {
    const [result, ms] = await timed(() =>
      service.listQueue(reviewer, { status: 'awaiting_review', limit: 50, cursor }),
    );
    page = result;
    runs.push(ms);
  }
  runs.sort((a, b) => a - b);
  return { ms: runs[Math.floor(runs.length / 2)] ?? 0, page };
}
const first = await pageTime();
// Walk to a deep cursor with large pages, then time one ordinary page there.
let cursor: string | null | undefined = first.page?.next_cursor;
for (let walked = 50; walked < QUEUE_SIZE / 2 && cursor; walked += 200) {
  cursor = (await service.listQueue(reviewer, { status: 'awaiting_review', limit: 200, cursor })).next_cursor;
}
const deep = await pageTime(cursor ?? undefined);
const plan = await pool.query(
  `EXPLAIN SELECT o.id FROM overlays o WHERE o.organization_id = $1 AND o.status = 'awaiting_review'
    ORDER BY o.priority DESC, o.awaiting_since, o.block_run_id LIMIT 51`,
  [org.id],
);

const fixed = (value: number, digits = 1) => value.toFixed(digits);
console.log(`
Review Inbox benchmark (${CONCURRENCY} concurrent callers, PostgreSQL at ${new URL(server.url).host})

1. Writes, ${WRITES} of each kind in ${ROUNDS} alternating rounds (median round)
   appendVersion through Prisma (load, then one guarded write returning the overlay): ${fixed(apiOpsPerSecond, 0)} ops/s
   baseline: the same service sending the same SQL through raw pg:                    ${fixed(apiOnPgOpsPerSecond, 0)} ops/s
   baseline: a bare one-row UPDATE ... WHERE rev = ... through raw pg:                ${fixed(rawOpsPerSecond, 0)} ops/s
   ratios: ${fixed((apiOpsPerSecond / apiOnPgOpsPerSecond) * 100)}% of the same SQL on raw pg; ${fixed((apiOpsPerSecond / rawOpsPerSecond) * 100)}% of the bare compare-and-swap

2. One appendVersion, by history length
   1 version:    ${short.statements} SQL statements, ${fixed(short.ms)} ms
   301 versions: ${long.statements} SQL statements, ${fixed(long.ms)} ms   (ratio ${fixed(long.ms / short.ms, 2)}x; the read-back returns every version, as the contract asks)

3. Queue of ${QUEUE_SIZE.toLocaleString('en')} awaiting items, 50 per page (median of 15)
   first page:          ${fixed(first.ms, 2)} ms
   page 50,000 deep:    ${fixed(deep.ms, 2)} ms   (ratio ${fixed(deep.ms / first.ms, 2)}x)
   plan: ${
     plan.rows
       .map((row) => row['QUERY PLAN'])
       .find((line: string) => /Index/.test(line))
       ?.trim() ?? 'no index scan!'
   }
`);

await pool.end();
await prisma.$disconnect();
await server.stop();
