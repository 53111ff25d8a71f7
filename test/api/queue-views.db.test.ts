/**
 * The queue's extensions for leads: the `sla`, `claimed_by`, `priority` and `sort` query params (with the
 * counts and keyset pagination under them), the claim holders behind the filter, and each row's
 * `preview` and `sla` marker. The SLA edges run on a pinned clock through the service, as the
 * insight tests do; everything else goes through HTTP like any client.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { getQueueStats } from '@/lib/insight/service';
import { previewOf } from '@/lib/reviews/preview';
import { ZQueueCountsQuery, ZQueueQuery } from '@/lib/reviews/schemas';
import { countQueue, listQueue } from '@/lib/reviews/service';
import { resetDatabase } from '../db';
import { callerOf, createTeam, type TestActor, type TestTeam } from '../fixtures';
import { actorOf, expectValidationIssue, openReview, queue, REVIEWS, type Review, send } from '../review-helpers';

let team: TestTeam;

beforeEach(async () => {
  await resetDatabase();
  team = await createTeam('acme');
});

const NOW = new Date('2026-11-29T12:00:00.000Z');
const minutesBefore = (n: number) => new Date(NOW.getTime() - n * 60_000);
const ids = (page: { data: { _id: string }[] }) => page.data.map((item) => item._id);

async function setSla(slaMinutes: { default?: number; by_priority?: Record<string, number> }) {
  const response = await send('PATCH', '/v1/organization/settings', {
    key: team.admin.key,
    body: { sla_minutes: slaMinutes },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

/** Opens a gate named `name` that has waited `waited` minutes at NOW. */
async function waiting(name: string, waited: number, overrides: Record<string, unknown> = {}): Promise<Review> {
  const review = await openReview(team, { workflow_run_id: name, ...overrides });
  await review.patchRow({ awaitingSince: new Date(minutesBefore(waited).getTime()) });
  return review;
}

const listAtNow = async (query: Record<string, unknown>, now = NOW) =>
  (await listQueue(callerOf(team.reviewer), ZQueueQuery.parse(query), () => now)).parse();
const countAtNow = (query: Record<string, unknown>, now = NOW) =>
  countQueue(callerOf(team.reviewer), ZQueueCountsQuery.parse(query), () => now);

async function body(actor: TestActor, query: Record<string, string | number>) {
  const response = await queue(actor, query);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

describe('sla filter and row markers', () => {
  it('marks the edges: at 80% at risk, exactly at the SLA still at risk, a millisecond past it breached', async () => {
    await setSla({ default: 100 });
    await waiting('r-79', 79); // on time
    await waiting('r-80', 80); // exactly 80%: at risk
    await waiting('r-100', 100); // exactly the SLA: at risk, not yet breached
    const late = await openReview(team, { workflow_run_id: 'r-late' });
    await late.patchRow({ awaitingSince: new Date(minutesBefore(100).getTime() - 1) }); // 1 ms past it

    const page = await listAtNow({});
    const marker = Object.fromEntries(page.data.map((item) => [item.workflow_run_id, item.sla]));
    expect(marker).toEqual({
      'r-late': { state: 'breached', due_at: new Date(NOW.getTime() - 1).toISOString() },
      'r-100': { state: 'at_risk', due_at: NOW.toISOString() },
      'r-80': { state: 'at_risk', due_at: new Date(NOW.getTime() + 20 * 60_000).toISOString() },
      'r-79': { state: null, due_at: new Date(NOW.getTime() + 21 * 60_000).toISOString() },
    });
    expect((await listAtNow({ sla: 'breached' })).data.map((item) => item.workflow_run_id)).toEqual(['r-late']);
    expect((await listAtNow({ sla: 'at_risk' })).data.map((item) => item.workflow_run_id)).toEqual(['r-100', 'r-80']);
    expect((await countAtNow({ sla: 'breached' })).awaiting_review).toBe(1);
    expect((await countAtNow({ sla: 'at_risk' })).awaiting_review).toBe(2);

    // A millisecond later the item exactly at its SLA has breached it.
    const later = new Date(NOW.getTime() + 1);
    expect((await listAtNow({ sla: 'breached' }, later)).data.map((item) => item.workflow_run_id)).toEqual([
      'r-late',
      'r-100',
    ]);
  });

  it('measures each priority against its own minutes, others against the default', async () => {
    await setSla({ default: 60, by_priority: { '2': 10 } });
    await waiting('urgent-late', 11, { priority: 2 });
    await waiting('urgent-risk', 9, { priority: 2 });
    await waiting('normal-fine', 11, { priority: 0 });
    await waiting('normal-late', 61, { priority: 0 });
    await waiting('low-late', 61, { priority: -1 });

    // Each row's marker and due time come from its own priority's minutes.
    const inMinutes = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();
    const page = await listAtNow({});
    expect(Object.fromEntries(page.data.map((item) => [item.workflow_run_id, item.sla]))).toEqual({
      'urgent-late': { state: 'breached', due_at: inMinutes(-1) },
      'urgent-risk': { state: 'at_risk', due_at: inMinutes(1) },
      'normal-fine': { state: null, due_at: inMinutes(49) },
      'normal-late': { state: 'breached', due_at: inMinutes(-1) },
      'low-late': { state: 'breached', due_at: inMinutes(-1) },
    });
    const breached = await listAtNow({ sla: 'breached' });
    expect(breached.data.map((item) => item.workflow_run_id)).toEqual(['urgent-late', 'normal-late', 'low-late']);
    expect((await listAtNow({ sla: 'at_risk' })).data.map((item) => item.workflow_run_id)).toEqual(['urgent-risk']);
    // The inbox and the dashboard count by the same rule.
    expect((await getQueueStats(callerOf(team.lead), {}, () => NOW)).sla).toEqual({ breached: 3, at_risk: 1 });
  });

  it('over HTTP: narrows the queue and its counts, pages through breached items, never matches decided ones', async () => {
    await setSla({ default: 30 });
    for (let i = 0; i < 5; i += 1) await waiting(`late-${i}`, 60 * 24 * (i + 1));
    await openReview(team, { workflow_run_id: 'fresh' });
    const decided = await waiting('decided-late', 60 * 24 * 9);
    await decided.ok('decision', team.reviewer, { verdict: 'approved' });

    const first = await body(team.reviewer, { sla: 'breached', limit: 2 });
    const second = await body(team.reviewer, { sla: 'breached', limit: 2, cursor: first.next_cursor });
    const third = await body(team.reviewer, { sla: 'breached', limit: 2, cursor: second.next_cursor });
    expect([...ids(first), ...ids(second), ...ids(third)].map((id) => id.split(':')[0])).toEqual([
      'late-4',
      'late-3',
      'late-2',
      'late-1',
      'late-0',
    ]);
    expect(third.has_more).toBe(false);
    for (const item of first.data) expect(item.sla.state).toBe('breached');

    const counts = await send('GET', `${REVIEWS}/counts?sla=breached`, { key: team.reviewer.key });
    expect(counts.body).toEqual({ awaiting_review: 5, approved: 0, rejected: 0, mine: 0, unclaimed: 5 });
    expect(ids(await body(team.reviewer, { status: 'approved', sla: 'breached' }))).toEqual([]);
    // A decided item carries no SLA marker.
    expect((await body(team.reviewer, { status: 'approved' })).data[0].sla).toBeNull();
  });
});

describe('claimed_by filter and claim holders', () => {
  it('keeps the items whose unexpired claim that actor holds, and lists who holds claims', async () => {
    const [a, b, c, d] = [
      await openReview(team),
      await openReview(team),
      await openReview(team),
      await openReview(team),
    ];
    await a.ok('claim', team.reviewer);
    await b.ok('claim', team.reviewer);
    await c.ok('claim', team.reviewer2);
    await d.ok('claim', team.reviewer);
    await d.expireClaim();

    const mineByDana = await body(team.lead, { claimed_by: team.reviewer.id });
    expect(ids(mineByDana).sort()).toEqual([a.opened._id, b.opened._id].sort());
    expect(ids(await body(team.lead, { claimed_by: team.reviewer2.id }))).toEqual([c.opened._id]);
    // Someone who holds nothing, and an id that is nobody's, match nothing (not an error).
    expect(ids(await body(team.lead, { claimed_by: team.lead.id }))).toEqual([]);
    expect(ids(await body(team.lead, { claimed_by: 'act_nobody' }))).toEqual([]);
    // Combined with the caller's own filter, and counted the same way.
    expect(ids(await body(team.reviewer2, { claimed_by: team.reviewer.id, mine: 'true' }))).toEqual([]);
    const counts = await send('GET', `${REVIEWS}/counts?claimed_by=${team.reviewer.id}`, { key: team.lead.key });
    expect(counts.body.awaiting_review).toBe(2);

    const holders = await send('GET', `${REVIEWS}/claim-holders`, { key: team.reviewer.key });
    expect(holders.status).toBe(200);
    expect(holders.body.data).toEqual(
      [
        { holder: actorOf(team.reviewer), claims: 2 },
        { holder: actorOf(team.reviewer2), claims: 1 },
      ].sort((x, y) => x.holder.display_name.localeCompare(y.holder.display_name)),
    );
  });
});

describe('priority filter', () => {
  it('keeps the items of one priority on every tab, pages within it, and counts the same way', async () => {
    for (const [name, priority] of [
      ['p2-a', 2],
      ['p0', 0],
      ['p2-b', 2],
      ['p-1', -1],
      ['p2-c', 2],
    ] as const) {
      await waiting(name, 10, { priority });
    }
    const decided = await waiting('p2-decided', 20, { priority: 2 });
    await decided.ok('decision', team.reviewer, { verdict: 'approved' });

    const first = await body(team.lead, { priority: 2, limit: 2 });
    const rest = await body(team.lead, { priority: 2, limit: 2, cursor: first.next_cursor });
    expect([...first.data, ...rest.data].map((item: any) => item.workflow_run_id).sort()).toEqual([
      'p2-a',
      'p2-b',
      'p2-c',
    ]);
    expect(rest.has_more).toBe(false);
    expect(ids(await body(team.lead, { priority: -1 })).map((id) => id.split(':')[0])).toEqual(['p-1']);
    expect(
      (await body(team.lead, { status: 'approved', priority: 2 })).data.map((item: any) => item.workflow_run_id),
    ).toEqual(['p2-decided']);
    const counts = await send('GET', `${REVIEWS}/counts?priority=2`, { key: team.lead.key });
    expect(counts.body).toEqual({ awaiting_review: 3, approved: 1, rejected: 0, mine: 0, unclaimed: 3 });
  });
});

describe('sort=oldest', () => {
  it('lists awaiting items by awaiting_since whatever their priority, and pages without gaps or repeats', async () => {
    const specs = [
      { name: 'o-0', priority: 5, waited: 10 },
      { name: 'o-1', priority: 0, waited: 50 },
      { name: 'o-2', priority: 9, waited: 30 },
      { name: 'o-3', priority: 0, waited: 30 }, // tied with o-2: _id breaks the tie
      { name: 'o-4', priority: -3, waited: 70 },
      { name: 'o-5', priority: 1, waited: 5 },
      { name: 'o-6', priority: 1, waited: 30 },
    ];
    for (const spec of specs) await waiting(spec.name, spec.waited, { priority: spec.priority });
    const expected = ['o-4', 'o-1', 'o-2', 'o-3', 'o-6', 'o-0', 'o-5'];

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await body(team.reviewer, { sort: 'oldest', limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.data.map((item: any) => item.workflow_run_id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(expected);
    // The default order is still the contract's.
    expect((await body(team.reviewer, {})).data[0].workflow_run_id).toBe('o-2');
  });

  it('lists decided items by decided_at ascending', async () => {
    const reviews = [await openReview(team), await openReview(team), await openReview(team)];
    for (const [i, review] of reviews.entries()) {
      await review.ok('decision', team.reviewer, { verdict: 'approved' });
      await review.patchRow({ decidedAt: minutesBefore(10 * (i + 1)) });
    }
    const oldestFirst = reviews.map((review) => review.opened._id).reverse();
    const first = await body(team.reviewer, { status: 'approved', sort: 'oldest', limit: 2 });
    const rest = await body(team.reviewer, { status: 'approved', sort: 'oldest', limit: 2, cursor: first.next_cursor });
    expect([...ids(first), ...ids(rest)]).toEqual(oldestFirst);
    expect(ids(await body(team.reviewer, { status: 'approved' }))).toEqual([...oldestFirst].reverse());
  });

  it('refuses a cursor of the other sort with 422 on path cursor', async () => {
    for (let i = 0; i < 3; i += 1) await openReview(team);
    const byQueue = await body(team.reviewer, { limit: 1 });
    const byAge = await body(team.reviewer, { limit: 1, sort: 'oldest' });
    expectValidationIssue(await queue(team.reviewer, { sort: 'oldest', cursor: byQueue.next_cursor }), ['cursor']);
    expectValidationIssue(await queue(team.reviewer, { cursor: byAge.next_cursor }), ['cursor']);
    expectValidationIssue(await queue(team.reviewer, { sort: 'queue', cursor: byAge.next_cursor }), ['cursor']);
  });
});

describe('bad values', () => {
  it.each([
    [{ sla: 'late' }, ['sla']],
    [{ sla: '' }, ['sla']],
    [{ sort: 'newest' }, ['sort']],
    [{ claimed_by: 'act nobody' }, ['claimed_by']],
    [{ claimed_by: 'x'.repeat(201) }, ['claimed_by']],
    [{ priority: 'high' }, ['priority']],
    [{ priority: '1.5' }, ['priority']],
    [{ priority: '1000001' }, ['priority']],
  ])('refuses %j with 422 naming the param, in the queue and its counts', async (query, path) => {
    expectValidationIssue(await queue(team.reviewer, query), path);
    if (!('sort' in query)) {
      const counts = await send('GET', `${REVIEWS}/counts?${new URLSearchParams(query)}`, { key: team.reviewer.key });
      expectValidationIssue(counts, path);
    }
  });
});

describe('preview', () => {
  it('shows the first four scalar fields of the head version, in its key order, strings cut to 80 characters', async () => {
    const review = await openReview(team, {
      model_output: {
        lines: [{ sku: 'A-1' }],
        vendor: 'Acme GmbH',
        meta: { source: 'scan' },
        total: 1240,
        missing: null,
        paid: false,
        note: '€'.repeat(200),
        currency: 'EUR',
      },
    });
    const opened = (await body(team.reviewer, {})).data[0];
    // The browser's rule for reviews it holds whole gives the same preview as the SQL.
    expect(previewOf((await review.read()).versions[0].snapshot)).toEqual(opened.preview);
    expect(opened.preview).toEqual([
      { key: 'vendor', value: 'Acme GmbH' },
      { key: 'total', value: 1240 },
      { key: 'paid', value: false },
      { key: 'note', value: '€'.repeat(80) },
    ]);
    await review.ok('versions', team.reviewer, { snapshot: { vendor: 'Acme AG', total: 1300.5 } });
    expect((await body(team.reviewer, {})).data[0].preview).toEqual([
      { key: 'vendor', value: 'Acme AG' },
      { key: 'total', value: 1300.5 },
    ]);
  });

  it('is empty for an output without top-level scalars', async () => {
    await openReview(team, { model_output: { parties: ['Acme', 'Globex'], term: { months: 12 } } });
    expect((await body(team.reviewer, {})).data[0].preview).toEqual([]);
  });
});
