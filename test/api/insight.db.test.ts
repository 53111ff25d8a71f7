/**
 * The insight routes against a hand-computed fixture: every number below was worked out by hand
 * from the timeline in `buildFixture`, not by running the code. Times are fixed by giving the
 * service a clock, as the demo seed does; the routes' own behaviour (roles, CSV, bad input) goes
 * through the HTTP wrapper.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getCorrectionStats, getDecisionStats, getQueueStats, updateOrganizationSettings } from '@/lib/insight/service';
import { appendVersion, claim, decide, openGate, reopen } from '@/lib/reviews/service';
import { callRoute } from '../api-client';
import { resetDatabase } from '../db';
import { callerOf, createTeam, type TestActor, type TestTeam } from '../fixtures';
import { actorOf, expectError, expectValidationIssue, send } from '../review-helpers';

const NOW = new Date('2026-11-29T12:00:00.000Z'); // a Sunday
const at = (iso: string) => () => new Date(`2026-11-${iso}Z`);
const clockAtNow = () => NOW;

let team: TestTeam;
let runs = 0;

const INVOICE = { vendor: 'Acme GmbH', total: 1200.5, currency: 'EUR', lines: [{ sku: 'A-1', qty: 2 }] };
const CONTRACT = { parties: ['Acme', 'Globex'], term: { months: 12 } };

interface GateOptions {
  workflow: 'invoices' | 'contracts';
  blockType?: 'extract' | 'classifier';
  priority?: number;
  openedAt: string;
}

/** Opens a gate at `openedAt` and hands back its key and a way to run commands at given times. */
async function gate({ workflow, blockType = 'extract', priority = 0, openedAt }: GateOptions) {
  runs += 1;
  const key = { runId: `run-${runs}`, blockId: 'extract' };
  const opened = await openGate(
    callerOf(team.integration),
    {
      workflow_id: workflow,
      workflow_version_id: 'v1',
      workflow_run_id: key.runId,
      block_id: key.blockId,
      block_type: blockType,
      model_output: workflow === 'invoices' ? INVOICE : CONTRACT,
      model: { id: 'gpt-4.1', display_name: 'GPT-4.1' },
      priority,
    },
    at(openedAt),
  );
  let rev = opened.overlay.rev;
  return {
    approve: async (by: TestActor, when: string, extra: { edited_output?: Record<string, unknown> } = {}) => {
      rev = (await decide(callerOf(by), key, { verdict: 'approved', version_stamp: rev, ...extra }, at(when))).overlay
        .rev;
    },
    reject: async (by: TestActor, when: string) => {
      rev = (
        await decide(callerOf(by), key, { verdict: 'rejected', version_stamp: rev, reason: 'duplicate' }, at(when))
      ).overlay.rev;
    },
    edit: async (by: TestActor, when: string, snapshot: Record<string, unknown>) => {
      rev = (await appendVersion(callerOf(by), key, { snapshot, version_stamp: rev }, at(when))).overlay.rev;
    },
    reopen: async (when: string) => {
      rev = (await reopen(callerOf(team.lead), key, { version_stamp: rev, reason: 'disputed' }, at(when))).overlay.rev;
    },
    claim: async (by: TestActor, when: string, ttlSeconds: number) => {
      rev = (await claim(callerOf(by), key, { version_stamp: rev, ttl_seconds: ttlSeconds }, at(when))).overlay.rev;
    },
  };
}

/**
 * Decided (standing decision, seconds from awaiting_since to decision):
 *   G1 invoices  11-27  reviewer   approved (v0)            600
 *   G2 invoices  11-27  reviewer   approved with edits     1800  (total changed, currency removed,
 *                                                                   line 1 and note added)
 *   G3 invoices  11-28  reviewer2  rejected                3600
 *   G4 invoices  11-28  reviewer2  rejected                 300  (its 11-26 approval was reopened)
 *   G6 contracts 11-29  reviewer   approved with edits     7200  (party 1 removed, term changed,
 *                                                                   clauses: [] added)
 * Awaiting at NOW (12:00), SLA default 60 min, priority 2: 100 min (at risk from 80 min):
 *   G5 invoices  extract    p0  since 11:00 (reopened)      60 min: at risk (exactly the SLA)
 *   A2 invoices  extract    p0  since 10:59:59.999          60 min 1 ms: breached
 *   A3 invoices  classifier p0  since 11:12                 48 min: at risk (exactly 80%)
 *   A6 invoices  extract    p0  since 11:12:00.001          1 ms short of 80%: fine
 *   A4 contracts extract    p2  since 10:40, claim active   80 min: at risk (exactly 80%)
 *   A5 contracts extract    p2  since 11:00, claim expired  60 min: fine
 */
async function buildFixture() {
  const { reviewer, reviewer2 } = team;
  await (await gate({ workflow: 'invoices', openedAt: '27T10:00:00.000' })).approve(reviewer, '27T10:10:00.000');
  await (await gate({ workflow: 'invoices', openedAt: '27T09:00:00.000' })).approve(reviewer, '27T09:30:00.000', {
    edited_output: {
      vendor: 'Acme GmbH',
      total: 1250,
      lines: [
        { sku: 'A-1', qty: 2 },
        { sku: 'B-2', qty: 1 },
      ],
      note: 'freight',
    },
  });
  await (await gate({ workflow: 'invoices', openedAt: '28T08:00:00.000' })).reject(reviewer2, '28T09:00:00.000');
  const g4 = await gate({ workflow: 'invoices', openedAt: '26T12:00:00.000' });
  await g4.approve(reviewer, '26T12:20:00.000');
  await g4.reopen('28T10:00:00.000');
  await g4.reject(reviewer2, '28T10:05:00.000');
  const g5 = await gate({ workflow: 'invoices', openedAt: '26T08:00:00.000' });
  await g5.approve(reviewer, '26T08:10:00.000');
  await g5.reopen('29T11:00:00.000');
  const g6 = await gate({ workflow: 'contracts', openedAt: '29T09:00:00.000' });
  await g6.edit(reviewer, '29T10:00:00.000', { parties: ['Acme'], term: { months: 24 }, clauses: [] });
  await g6.approve(reviewer, '29T11:00:00.000');

  await gate({ workflow: 'invoices', openedAt: '29T10:59:59.999' });
  await gate({ workflow: 'invoices', blockType: 'classifier', openedAt: '29T11:12:00.000' });
  await gate({ workflow: 'invoices', openedAt: '29T11:12:00.001' });
  const a4 = await gate({ workflow: 'contracts', priority: 2, openedAt: '29T10:40:00.000' });
  await a4.claim(reviewer, '29T11:50:00.000', 900);
  const a5 = await gate({ workflow: 'contracts', priority: 2, openedAt: '29T11:00:00.000' });
  await a5.claim(reviewer2, '29T11:01:00.000', 60);

  await updateOrganizationSettings(callerOf(team.admin), { sla_minutes: { default: 60, by_priority: { '2': 100 } } });
}

beforeAll(async () => {
  await resetDatabase();
  team = await createTeam('acme');
  await buildFixture();
  // Another organization's numbers must never show: one awaiting item and one decision there.
  const other = await createTeam('globex');
  const otherCaller = { ...callerOf(other.integration), organizationId: other.organizationId };
  await openGate(otherCaller, {
    workflow_id: 'invoices',
    workflow_version_id: 'v1',
    workflow_run_id: 'other-run',
    block_id: 'extract',
    block_type: 'extract',
    model_output: INVOICE,
    model: { id: 'gpt-4.1', display_name: 'GPT-4.1' },
  });
});

describe('GET /v1/stats/queue', () => {
  it('counts depth, ages, claims and SLA of the awaiting items', async () => {
    const lead = callerOf(team.lead);
    expect(await getQueueStats(lead, {}, clockAtNow)).toEqual({
      awaiting: 6,
      oldest_awaiting_since: '2026-11-29T10:40:00.000Z',
      // Waits, shortest first: 2879.999, 2880, 3600, 3600, 3600.001, 4800 (nearest rank).
      wait_seconds: { p50: 3600, p90: 4800, p99: 4800 },
      by_workflow: [
        { workflow_id: 'invoices', awaiting: 4, oldest_awaiting_since: '2026-11-29T10:59:59.999Z' },
        { workflow_id: 'contracts', awaiting: 2, oldest_awaiting_since: '2026-11-29T10:40:00.000Z' },
      ],
      by_block_type: [
        { block_type: 'extract', awaiting: 5 },
        { block_type: 'classifier', awaiting: 1 },
      ],
      by_priority: [
        { priority: 2, awaiting: 2 },
        { priority: 0, awaiting: 4 },
      ],
      claims: { active: 1, expired: 1 },
      sla: { breached: 1, at_risk: 3 },
    });
  });

  it('narrows every number to a workflow and a block type', async () => {
    const lead = callerOf(team.lead);
    const invoices = await getQueueStats(lead, { workflow_id: 'invoices' }, clockAtNow);
    expect(invoices).toMatchObject({
      awaiting: 4,
      oldest_awaiting_since: '2026-11-29T10:59:59.999Z',
      wait_seconds: { p50: 2880, p90: 3600.001, p99: 3600.001 },
      claims: { active: 0, expired: 0 },
      sla: { breached: 1, at_risk: 2 },
    });
    const classifiers = await getQueueStats(lead, { block_type: 'classifier' }, clockAtNow);
    expect(classifiers).toMatchObject({
      awaiting: 1,
      wait_seconds: { p50: 2880, p90: 2880, p99: 2880 },
      by_workflow: [{ workflow_id: 'invoices', awaiting: 1, oldest_awaiting_since: '2026-11-29T11:12:00.000Z' }],
      sla: { breached: 0, at_risk: 1 },
    });
  });

  it('moves an item from at risk to breached one millisecond past its SLA', async () => {
    const lead = callerOf(team.lead);
    const later = () => new Date(NOW.getTime() + 1);
    // G5 (exactly 60 min) is now breached; A6 has reached 80% and is at risk.
    expect((await getQueueStats(lead, {}, later)).sla).toEqual({ breached: 2, at_risk: 3 });
  });
});

describe('GET /v1/stats/decisions', () => {
  const lead = () => callerOf(team.lead);
  const period = { from: '2026-11-26', to: '2026-11-29' };

  it('counts each decided item once, by day, with its standing decision', async () => {
    const stats = await getDecisionStats(lead(), { ...period, bucket: 'day' });
    expect(stats.series).toEqual([
      {
        bucket_start: '2026-11-26',
        approved: 0,
        approved_with_edits: 0,
        rejected: 0,
        median_seconds_to_decision: null,
      },
      {
        bucket_start: '2026-11-27',
        approved: 1,
        approved_with_edits: 1,
        rejected: 0,
        median_seconds_to_decision: 1200,
      },
      {
        bucket_start: '2026-11-28',
        approved: 0,
        approved_with_edits: 0,
        rejected: 2,
        median_seconds_to_decision: 1950,
      },
      {
        bucket_start: '2026-11-29',
        approved: 0,
        approved_with_edits: 1,
        rejected: 0,
        median_seconds_to_decision: 7200,
      },
    ]);
    expect(stats.by_reviewer).toEqual([
      {
        actor: actorOf(team.reviewer),
        decided: 3,
        approved: 1,
        approved_with_edits: 2,
        rejected: 0,
        median_seconds_to_decision: 1800,
      },
      {
        actor: actorOf(team.reviewer2),
        decided: 2,
        approved: 0,
        approved_with_edits: 0,
        rejected: 2,
        median_seconds_to_decision: 1950,
      },
    ]);
  });

  it('sums ISO weeks, counting only the days inside the period', async () => {
    const whole = await getDecisionStats(lead(), { ...period, bucket: 'week' });
    expect(whole.series).toEqual([
      {
        bucket_start: '2026-11-23',
        approved: 1,
        approved_with_edits: 2,
        rejected: 2,
        median_seconds_to_decision: 1800,
      },
    ]);
    const partial = await getDecisionStats(lead(), { from: '2026-11-28', to: '2026-11-29', bucket: 'week' });
    expect(partial.series).toEqual([
      {
        bucket_start: '2026-11-23',
        approved: 0,
        approved_with_edits: 1,
        rejected: 2,
        median_seconds_to_decision: 3600,
      },
    ]);
  });

  it('narrows to a workflow, and defaults to the 30 days up to today', async () => {
    const invoices = await getDecisionStats(lead(), { ...period, bucket: 'day', workflow_id: 'invoices' });
    expect(invoices.series.at(-1)).toMatchObject({ approved_with_edits: 0, median_seconds_to_decision: null });
    expect(invoices.by_reviewer.map((row) => [row.actor.id, row.decided, row.median_seconds_to_decision])).toEqual([
      [team.reviewer.id, 2, 1200],
      [team.reviewer2.id, 2, 1950],
    ]);
    const defaults = await getDecisionStats(lead(), { bucket: 'day' }, () => new Date('2026-12-01T08:00:00.000Z'));
    expect(defaults.series).toHaveLength(30);
    expect(defaults.series[0]?.bucket_start).toBe('2026-11-02');
    expect(defaults.by_reviewer.reduce((sum, row) => sum + row.decided, 0)).toBe(5);
  });
});

describe('GET /v1/stats/corrections', () => {
  const corrections = (workflow_id: string, from: string) =>
    getCorrectionStats(callerOf(team.lead), { workflow_id, from, to: '2026-11-29' });

  it('ranks the fields of a workflow by how often reviewers corrected them', async () => {
    expect(await corrections('invoices', '2026-11-26')).toEqual({
      workflow_id: 'invoices',
      approved: 2,
      fields: [
        { path: '/lines/1/qty', approved: 1, corrected: 1, rate: 1 },
        { path: '/lines/1/sku', approved: 1, corrected: 1, rate: 1 },
        { path: '/note', approved: 1, corrected: 1, rate: 1 },
        { path: '/currency', approved: 2, corrected: 1, rate: 0.5 },
        { path: '/total', approved: 2, corrected: 1, rate: 0.5 },
        { path: '/lines/0/qty', approved: 2, corrected: 0, rate: 0 },
        { path: '/lines/0/sku', approved: 2, corrected: 0, rate: 0 },
        { path: '/vendor', approved: 2, corrected: 0, rate: 0 },
      ],
    });
  });

  it('counts a removed array item and an added empty list', async () => {
    expect(await corrections('contracts', '2026-11-29')).toEqual({
      workflow_id: 'contracts',
      approved: 1,
      fields: [
        { path: '/clauses', approved: 1, corrected: 1, rate: 1 },
        { path: '/parties/1', approved: 1, corrected: 1, rate: 1 },
        { path: '/term/months', approved: 1, corrected: 1, rate: 1 },
        { path: '/parties/0', approved: 1, corrected: 0, rate: 0 },
      ],
    });
  });
});

describe('the insight routes over HTTP', () => {
  const STATS = ['/v1/stats/queue', '/v1/stats/decisions', '/v1/stats/corrections?workflow_id=invoices'];

  it('answer leads and admins, and refuse reviewers, agents and integrations (403)', async () => {
    for (const path of [...STATS, '/v1/organization/settings']) {
      for (const actor of [team.lead, team.admin])
        expect((await send('GET', path, { key: actor.key })).status).toBe(200);
      for (const actor of [team.reviewer, team.agent, team.integration]) {
        expectError(await send('GET', path, { key: actor.key }), 403, 'forbidden');
      }
    }
  });

  it('show nothing of another organization', async () => {
    const other = await createTeam('initech');
    const queue = await send('GET', '/v1/stats/queue', { key: other.lead.key });
    expect(queue.body).toMatchObject({ awaiting: 0, oldest_awaiting_since: null, by_workflow: [] });
    const decisions = await send('GET', '/v1/stats/decisions', { key: other.lead.key });
    expect(decisions.body.by_reviewer).toEqual([]);
  });

  it('answer CSV with the same numbers as JSON, one table at a time', async () => {
    const query = 'from=2026-11-26&to=2026-11-29';
    const json = (await send('GET', `/v1/stats/decisions?${query}`, { key: team.lead.key })).body;
    const csv = await callRoute('GET', `/v1/stats/decisions?${query}`, {
      key: team.lead.key,
      headers: { accept: 'text/csv' },
    });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="getDecisionStats-series.csv"');
    expect(csv.headers.get('x-request-id')).toBeTruthy();
    const lines = (await csv.text()).split('\r\n');
    expect(lines[0]).toBe('bucket_start,approved,approved_with_edits,rejected,median_seconds_to_decision');
    expect(lines.slice(1, -1)).toEqual(
      json.series.map((row: Record<string, unknown>) =>
        [
          row.bucket_start,
          row.approved,
          row.approved_with_edits,
          row.rejected,
          row.median_seconds_to_decision ?? '',
        ].join(','),
      ),
    );

    const reviewers = await callRoute('GET', `/v1/stats/decisions?${query}&format=csv&table=by_reviewer`, {
      key: team.lead.key,
    });
    const reviewerLines = (await reviewers.text()).split('\r\n');
    expect(reviewerLines[0]).toBe(
      'actor.kind,actor.id,actor.display_name,decided,approved,approved_with_edits,rejected,median_seconds_to_decision',
    );
    expect(reviewerLines[1]).toBe(`human,${team.reviewer.id},Dana Rivera,3,1,2,0,1800`);

    const summary = await callRoute('GET', '/v1/stats/queue?format=csv', { key: team.lead.key });
    expect((await summary.text()).split('\r\n')[0]).toBe(
      'awaiting,oldest_awaiting_since,wait_seconds.p50,wait_seconds.p90,wait_seconds.p99,claims.active,claims.expired,sla.breached,sla.at_risk',
    );
    // `format=json` wins over the Accept header.
    const asJson = await callRoute('GET', '/v1/stats/queue?format=json', {
      key: team.lead.key,
      headers: { accept: 'text/csv' },
    });
    expect(asJson.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('refuse bad input with 422', async () => {
    const lead = { key: team.lead.key };
    expectValidationIssue(await send('GET', '/v1/stats/decisions?from=2026-02-30', lead), ['from']);
    expectValidationIssue(await send('GET', '/v1/stats/decisions?to=yesterday', lead), ['to']);
    expectValidationIssue(await send('GET', '/v1/stats/decisions?from=2026-11-02&to=2026-11-01', lead), ['from']);
    expectValidationIssue(await send('GET', '/v1/stats/decisions?from=2024-01-01&to=2026-01-01', lead), ['from']);
    expectValidationIssue(await send('GET', '/v1/stats/decisions?bucket=month', lead), ['bucket']);
    expectValidationIssue(await send('GET', '/v1/stats/corrections', lead), ['workflow_id']);
    expectValidationIssue(await send('GET', '/v1/stats/queue?block_type=essay', lead), ['block_type']);
    expectValidationIssue(await send('GET', '/v1/stats/queue?format=xml', lead), ['format']);
    expectValidationIssue(await send('GET', '/v1/stats/queue?format=csv&table=nope', lead), ['table']);
  });
});

describe('/v1/organization/settings', () => {
  const SETTINGS = '/v1/organization/settings';

  it('lets an admin set the SLA, and leads read it', async () => {
    const patched = await send('PATCH', SETTINGS, {
      key: team.admin.key,
      body: { sla_minutes: { by_priority: { '3': 15, '-1': 600 } } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({ sla_minutes: { default: 60, by_priority: { '3': 15, '-1': 600 } } });
    expect((await send('GET', SETTINGS, { key: team.lead.key })).body).toEqual(patched.body);
    // Back to the fixture's, for the other tests.
    await send('PATCH', SETTINGS, { key: team.admin.key, body: { sla_minutes: { by_priority: { '2': 100 } } } });
  });

  it('refuses leads and reviewers the change (403), and bad values (422), changing nothing', async () => {
    const before = (await send('GET', SETTINGS, { key: team.lead.key })).body;
    const body = { sla_minutes: { default: 5 } };
    expectError(await send('PATCH', SETTINGS, { key: team.lead.key, body }), 403, 'forbidden');
    expectError(await send('PATCH', SETTINGS, { key: team.reviewer.key, body }), 403, 'forbidden');
    const bad = (sla_minutes: unknown) => send('PATCH', SETTINGS, { key: team.admin.key, body: { sla_minutes } });
    expectValidationIssue(await bad({ default: 0 }), ['sla_minutes', 'default']);
    expectValidationIssue(await bad({ default: 1.5 }), ['sla_minutes', 'default']);
    expectValidationIssue(await bad({ by_priority: { high: 10 } }), ['sla_minutes', 'by_priority', 'high']);
    expectValidationIssue(await bad({ by_priority: { '1': 525_601 } }), ['sla_minutes', 'by_priority', '1']);
    expectValidationIssue(await send('PATCH', SETTINGS, { key: team.admin.key, body: {} }), ['sla_minutes']);
    expect((await send('GET', SETTINGS, { key: team.lead.key })).body).toEqual(before);
  });

  it('answers the defaults to an organization that set nothing', async () => {
    const other = await createTeam('umbrella');
    expect((await send('GET', SETTINGS, { key: other.lead.key })).body).toEqual({
      sla_minutes: { default: 1440, by_priority: {} },
    });
  });
});
