/**
 * The queue filters the dashboard links to: `decided_by` (decided items by whoever made their
 * standing decision) and `claim=active|expired` (awaiting items by the state of their claim),
 * over HTTP like any client, with their counts, keyset paging, refusals and tenancy.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDatabase } from '../db';
import { createTeam, type TestActor, type TestTeam } from '../fixtures';
import { expectValidationIssue, openReview, queue, REVIEWS, type Review, send } from '../review-helpers';

let team: TestTeam;

beforeEach(async () => {
  await resetDatabase();
  team = await createTeam('acme');
});

const ids = (page: { data: { _id: string }[] }) => page.data.map((item) => item._id);

/** Every id of the view, two per page, following `next_cursor` to the end. */
async function pageThrough(actor: TestActor, query: Record<string, string>): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const response = await queue(actor, { ...query, limit: 2, ...(cursor ? { cursor } : {}) });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    seen.push(...ids(response.body));
    cursor = response.body.next_cursor;
  } while (cursor);
  return seen;
}

async function counts(actor: TestActor, query: Record<string, string>) {
  const response = await send('GET', `${REVIEWS}/counts?${new URLSearchParams(query)}`, { key: actor.key });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

const approve = (review: Review, actor: TestActor) => review.ok('decision', actor, { verdict: 'approved' });
const reject = (review: Review, actor: TestActor) =>
  review.ok('decision', actor, { verdict: 'rejected', reason: 'unreadable scan' });

describe('decided_by filter', () => {
  it('lists the items whose standing decision that actor made, newest or oldest first, page by page', async () => {
    const byDana: Review[] = [];
    for (let i = 0; i < 5; i += 1) {
      const review = await openReview(team);
      await approve(review, team.reviewer);
      byDana.push(review);
    }
    const rejectedByDana = [await openReview(team), await openReview(team)];
    for (const review of rejectedByDana) await reject(review, team.reviewer);
    const bySam = await openReview(team);
    await approve(bySam, team.reviewer2);
    // Reopened and decided again: the standing decision is the later one, whoever made it.
    const takenBack = await openReview(team);
    await approve(takenBack, team.reviewer);
    await takenBack.ok('reopen', team.lead, { reason: 'wrong total' });
    await approve(takenBack, team.reviewer2);
    const regained = await openReview(team);
    await approve(regained, team.reviewer2);
    await regained.ok('reopen', team.lead, { reason: 'wrong vendor' });
    await approve(regained, team.reviewer);
    // Reopened and still awaiting: no standing decision at all.
    const pending = await openReview(team);
    await approve(pending, team.reviewer);
    await pending.ok('reopen', team.lead, { reason: 'check again' });

    const approvedByDana = new Set([...byDana, regained].map((review) => review.opened._id));
    const allApproved = await pageThrough(team.lead, { status: 'approved' });
    const expected = allApproved.filter((id) => approvedByDana.has(id));
    expect(expected).toHaveLength(6);
    expect(await pageThrough(team.lead, { status: 'approved', decided_by: team.reviewer.id })).toEqual(expected);
    expect(await pageThrough(team.lead, { status: 'approved', decided_by: team.reviewer.id, sort: 'oldest' })).toEqual(
      [...expected].reverse(),
    );
    expect(await pageThrough(team.lead, { status: 'rejected', decided_by: team.reviewer.id })).toEqual(
      (await pageThrough(team.lead, { status: 'rejected' })).filter((id) =>
        rejectedByDana.some((review) => review.opened._id === id),
      ),
    );
    expect((await pageThrough(team.lead, { status: 'approved', decided_by: team.reviewer2.id })).sort()).toEqual(
      [bySam, takenBack].map((review) => review.opened._id).sort(),
    );

    // The tab counts follow the filter, and agree with the dashboard's table of reviewers.
    expect(await counts(team.lead, { decided_by: team.reviewer.id })).toEqual({
      awaiting_review: 0,
      approved: 6,
      rejected: 2,
      mine: 0,
      unclaimed: 0,
    });
    const stats = await send('GET', '/v1/stats/decisions', { key: team.lead.key });
    expect(stats.status).toBe(200);
    const dana = stats.body.by_reviewer.find((row: { actor: { id: string } }) => row.actor.id === team.reviewer.id);
    expect(dana.decided).toBe(8);
  });

  it('combines with the other filters and finds nothing for someone who decided nothing', async () => {
    const invoice = await openReview(team, { workflow_id: 'invoices' });
    const receipt = await openReview(team, { workflow_id: 'receipts' });
    await approve(invoice, team.reviewer);
    await approve(receipt, team.reviewer);
    expect(
      ids(
        await (await queue(team.lead, { status: 'approved', decided_by: team.reviewer.id, workflow_id: 'receipts' }))
          .body,
      ),
    ).toEqual([receipt.opened._id]);
    expect(ids((await queue(team.lead, { status: 'approved', decided_by: team.lead.id })).body)).toEqual([]);
    expect(ids((await queue(team.lead, { status: 'approved', decided_by: 'act_nobody' })).body)).toEqual([]);
  });

  it('never finds another organization’s decisions, by either side’s actor id', async () => {
    const other = await createTeam('globex');
    const ours = await openReview(team);
    const theirs = await openReview(other);
    await approve(ours, team.reviewer);
    await approve(theirs, other.reviewer);
    expect(ids((await queue(team.lead, { status: 'approved', decided_by: other.reviewer.id })).body)).toEqual([]);
    expect(ids((await queue(other.lead, { status: 'approved', decided_by: team.reviewer.id })).body)).toEqual([]);
    expect((await counts(other.lead, { decided_by: team.reviewer.id })).approved).toBe(0);
    expect(ids((await queue(other.lead, { status: 'approved', decided_by: other.reviewer.id })).body)).toEqual([
      theirs.opened._id,
    ]);
  });
});

describe('claim filter', () => {
  it('splits the awaiting items by claim state at now, as the dashboard counts them, page by page', async () => {
    const reviews: Review[] = [];
    for (let i = 0; i < 8; i += 1) reviews.push(await openReview(team, { priority: i % 3 }));
    const [a, b, c, d, e, f, g] = reviews as [Review, Review, Review, Review, Review, Review, Review];
    for (const review of [a, b, c]) await review.ok('claim', team.reviewer);
    await d.ok('claim', team.reviewer2);
    for (const review of [e, f, g]) {
      await review.ok('claim', team.reviewer);
      await review.expireClaim();
    }
    // Released: no claim at all. Decided after expiring: no longer awaiting.
    await b.ok('release', team.reviewer);
    await approve(g, team.lead);

    const all = await pageThrough(team.lead, {});
    const inQueueOrder = (chosen: Review[]) => all.filter((id) => chosen.some((review) => review.opened._id === id));
    expect(await pageThrough(team.lead, { claim: 'active' })).toEqual(inQueueOrder([a, c, d]));
    expect(await pageThrough(team.lead, { claim: 'expired' })).toEqual(inQueueOrder([e, f]));
    expect(await pageThrough(team.lead, { claim: 'expired', sort: 'oldest' })).toEqual([e, f].map((r) => r.opened._id));
    expect(ids((await queue(team.lead, { claim: 'active', claimed_by: team.reviewer2.id })).body)).toEqual([
      d.opened._id,
    ]);

    const stats = await send('GET', '/v1/stats/queue', { key: team.lead.key });
    expect(stats.body.claims).toEqual({ active: 3, expired: 2 });
    expect((await counts(team.lead, { claim: 'active' })).awaiting_review).toBe(3);
    expect(await counts(team.lead, { claim: 'expired' })).toEqual({
      awaiting_review: 2,
      approved: 0,
      rejected: 0,
      mine: 0,
      unclaimed: 2,
    });
  });

  it('never finds another organization’s claims', async () => {
    const other = await createTeam('globex');
    const theirs = await openReview(other);
    await theirs.ok('claim', other.reviewer);
    expect(ids((await queue(team.lead, { claim: 'active' })).body)).toEqual([]);
    expect(ids((await queue(other.lead, { claim: 'active' })).body)).toEqual([theirs.opened._id]);
  });
});

describe('refusals', () => {
  it.each([
    [{ decided_by: 'act_x' }, ['decided_by']],
    [{ status: 'awaiting_review', decided_by: 'act_x' }, ['decided_by']],
    [{ status: 'approved', claim: 'active' }, ['claim']],
    [{ status: 'rejected', claim: 'expired' }, ['claim']],
  ])('refuses %j with 422: the filter does not apply to that status', async (query, path) => {
    const response = await queue(team.lead, query);
    expectValidationIssue(response, path);
    expect(response.body.detail.message).toMatch(/awaiting/);
  });

  it.each([
    [{ claim: 'mine' }, ['claim']],
    [{ claim: '' }, ['claim']],
    [{ status: 'approved', decided_by: 'act nobody' }, ['decided_by']],
    [{ status: 'approved', decided_by: 'x'.repeat(201) }, ['decided_by']],
  ])('refuses the bad value %j with 422, in the queue and its counts', async (query, path) => {
    expectValidationIssue(await queue(team.lead, query), path);
    const { status: _status, ...countQuery } = query as Record<string, string>;
    expectValidationIssue(
      await send('GET', `${REVIEWS}/counts?${new URLSearchParams(countQuery)}`, { key: team.lead.key }),
      path,
    );
  });
});
