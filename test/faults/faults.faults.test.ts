/**
 * Faults against the production server (`next start`, real HTTP) on a PostgreSQL cluster of its
 * own: a writer streams acknowledged writes while the app is killed with SIGKILL and the database
 * is stopped, crashed, restarted and frozen. Then two app instances on one database: the
 * compare-and-swap, idempotency, live updates and webhook delivery must hold across them.
 *
 * `npm run test:faults` runs FAULT_ROUNDS (default 5) rounds of every fault; `npm test` runs one.
 */
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeam, gateBody, type TestTeam } from '../fixtures';
import { eventually, TestReceiver } from '../receiver';
import { pointAppAt, ThrowawayCluster } from '../throwaway-cluster';
import { AppInstance } from './app-instance';
import { LiveEvents } from './live-events';
import { Writer } from './writer';

const ROUNDS = Number(process.env.FAULT_ROUNDS ?? 5);
const CLUSTER_PORT = Number(process.env.FAULT_PG_PORT ?? 55580);
const APP_PORT = Number(process.env.FAULT_APP_PORT ?? 3380);
/** How long each outage lasts: longer than the app's database timeouts, so requests meet them. */
const OUTAGE_MS = 6_000;
const LOGS = os.tmpdir();

let cluster: ThrowawayCluster;
let restoreApp: () => Promise<void>;
let team: TestTeam;
let appA: AppInstance;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function instance(name: string, port: number): AppInstance {
  return new AppInstance(
    name,
    port,
    { DATABASE_URL: cluster.url, WEBHOOK_ALLOW_PRIVATE_URLS: 'true' },
    path.join(LOGS, `review-inbox-faults-${name}-${port}.log`),
  );
}

beforeAll(async () => {
  cluster = await ThrowawayCluster.create(CLUSTER_PORT);
  await cluster.start();
  restoreApp = await pointAppAt(cluster.url);
  team = await createTeam('faults');
  appA = instance('app-a', APP_PORT);
  await appA.start();
}, 180_000);

afterAll(async () => {
  await appA?.stop();
  await restoreApp?.();
  await cluster?.destroy();
}, 60_000);

async function query<T>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

async function post(app: AppInstance, route: string, key: string, body: unknown) {
  const response = await fetch(`${app.url}${route}`, {
    method: 'POST',
    headers: { 'api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

async function openGate(app: AppInstance): Promise<string> {
  const gate = gateBody({ workflow_id: 'two-instances' });
  const opened = await post(app, '/v1/workflows/reviews', team.integration.key, gate);
  expect(opened.status).toBe(201);
  return `/v1/workflows/reviews/${gate.workflow_run_id}/${gate.block_id}`;
}

describe('faults under a streaming writer', () => {
  it(`every acknowledged write is stored exactly once through ${ROUNDS} round(s) of every fault`, async () => {
    const writer = new Writer(appA.url, team);
    const live = new LiveEvents(appA.url, team.reviewer.key);
    const appPid = () => appA.pid;

    /** After a fault: writes go through again and live events flow again, without touching the app. */
    const expectRecovered = async (fault: string) => {
      const since = Date.now();
      await writer.progress();
      await eventually(`a live event after ${fault}`, async () => live.heardSince(since) > 0, 60_000);
    };

    const faults: Record<string, () => Promise<void>> = {
      'app killed (SIGKILL) and restarted': async () => {
        writer.appDown = true;
        await appA.kill();
        await appA.start();
        writer.appDown = false;
      },
      'database stopped (fast shutdown)': async () => {
        await cluster.stop();
        await sleep(OUTAGE_MS);
        await cluster.start();
      },
      'database crashed (immediate shutdown)': async () => {
        await cluster.crash();
        await sleep(OUTAGE_MS);
        await cluster.start();
      },
      'database restarted': async () => {
        await cluster.stop();
        await cluster.start();
      },
      'database frozen (SIGSTOP, then SIGCONT)': async () => {
        cluster.freeze();
        await sleep(OUTAGE_MS);
        cluster.resume();
      },
    };

    writer.start();
    try {
      await expectRecovered('start');
      for (let round = 1; round <= ROUNDS; round++) {
        for (const [fault, inflict] of Object.entries(faults)) {
          const pidBefore = appPid();
          writer.phase = fault;
          await inflict();
          writer.phase = `after ${fault}`;
          await expectRecovered(fault);
          // Recovery from a database fault never needs the app restarted.
          if (!fault.startsWith('app')) expect(appPid(), fault).toBe(pidBefore);
          expect(writer.violations, fault).toEqual([]);
        }
      }
    } finally {
      await writer.stop();
      live.close();
    }

    console.log(
      `faults: ${writer.acknowledged.length} writes acknowledged; ${writer.count(503)} answers 503, ` +
        `${writer.count('connection_error')} connection errors; slowest answers (ms):`,
      writer.slowestByPhase(),
    );
    expect(writer.violations).toEqual([]);
    expect(writer.count(503)).toBeGreaterThan(0);

    const stored = await query<{ marker: string; copies: number }>(
      `SELECT snapshot->>'marker' AS marker, count(*)::int AS copies
         FROM output_versions WHERE snapshot->>'marker' IS NOT NULL GROUP BY 1`,
    );
    const copies = new Map(stored.map((row) => [row.marker, row.copies]));
    for (const { commandId } of writer.acknowledged) expect(copies.get(commandId), commandId).toBe(1);
    // Nothing written twice either, acknowledged or not.
    expect(stored.filter((row) => row.copies !== 1)).toEqual([]);
    // Only appends: every overlay's rev is its head seq, its audit one entry per rev.
    const broken = await query(
      `SELECT o.workflow_run_id FROM overlays o
        WHERE o.workflow_id = 'faults'
          AND (o.rev <> o.head_seq OR o.rev + 1 <> (SELECT count(*) FROM audit_entries a WHERE a.overlay_id = o.id))`,
    );
    expect(broken).toEqual([]);
  }, 900_000);
});

describe('two app instances on one database', () => {
  let appB: AppInstance;
  let receiver: TestReceiver;

  beforeAll(async () => {
    appB = instance('app-b', APP_PORT + 1);
    await appB.start();
    receiver = new TestReceiver(() => 200);
  }, 120_000);

  afterAll(async () => {
    await appB?.stop();
    await receiver?.close();
  });

  it('concurrent writes with one stamp on both: exactly one wins', async () => {
    const review = await openGate(appA);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        post(i % 2 ? appB : appA, `${review}/versions`, team.reviewer.key, {
          version_stamp: 0,
          snapshot: { attempt: i },
        }),
      ),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    for (const answer of answers.filter((each) => each.status !== 200)) {
      expect(answer.body.detail.code).toBe('version_conflict');
    }
    const [overlay] = await query<{ rev: number; head_seq: number }>(
      'SELECT rev, head_seq FROM overlays WHERE workflow_run_id = $1',
      [review.split('/')[4]],
    );
    expect(overlay).toEqual({ rev: 1, head_seq: 1 });
  });

  it('one command_id sent to both at once is applied once', async () => {
    const review = await openGate(appA);
    const body = { version_stamp: 0, command_id: 'both-instances', snapshot: { vendor: 'Once' } };
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => post(i % 2 ? appB : appA, `${review}/versions`, team.reviewer.key, body)),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    expect(answers.filter((answer) => answer.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    for (const answer of answers) expect(answer.body.rev).toBe(1);
  });

  it('a write on one instance reaches a live subscriber of the other', async () => {
    const live = new LiveEvents(appB.url, team.reviewer.key);
    try {
      const review = await openGate(appA);
      const blockRunId = review.split('/').slice(4, 6).join(':');
      // Written until heard: the subscriber may still be connecting when the first one commits.
      await eventually(
        'the change made on A, heard on B',
        async () => {
          const current = await fetch(`${appA.url}${review}`, { headers: { 'api-key': team.reviewer.key } });
          const { rev } = await current.json();
          const written = await post(appA, `${review}/versions`, team.reviewer.key, {
            version_stamp: rev,
            snapshot: { rev },
          });
          expect(written.status).toBe(200);
          await sleep(500);
          return live.hasHeard(blockRunId, written.body.rev);
        },
        30_000,
      );
    } finally {
      live.close();
    }
  });

  it('decisions made on A are delivered exactly once with a dispatcher on each instance', async () => {
    const url = await receiver.listen();
    const endpoint = await post(appA, '/v1/webhook-endpoints', team.admin.key, {
      url,
      event_types: ['review.decided'],
    });
    expect(endpoint.status).toBe(201);
    const decisions: string[] = [];
    for (let i = 0; i < 8; i++) {
      const review = await openGate(appA);
      const decided = await post(appA, `${review}/decision`, team.reviewer.key, {
        verdict: 'approved',
        version_stamp: 0,
      });
      expect(decided.status).toBe(200);
      decisions.push(decided.body.overlay.decisions[0].decision_id);
    }
    await eventually(
      'every decision delivered',
      async () => {
        const [row] = await query<{ pending: number }>(
          `SELECT count(*)::int AS pending FROM webhook_deliveries WHERE endpoint_id = $1 AND status <> 'delivered'`,
          [endpoint.body.id],
        );
        return row!.pending === 0;
      },
      60_000,
    );
    const received = receiver.received.map((request) => JSON.parse(request.body).data.decision_id);
    expect(received.sort()).toEqual([...decisions].sort());
    expect(new Set(receiver.idsReceived()).size).toBe(receiver.received.length);
    expect(receiver.overlapping.size).toBe(0);
  }, 120_000);
});
