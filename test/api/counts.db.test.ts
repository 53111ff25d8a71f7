/**
 * GET /v1/workflows/reviews/counts — the inbox's tab counts, narrowed by the queue's own filters,
 * so that a filtered view never shows the organization's totals next to three rows.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDatabase } from '../db';
import { createTeam, type TestTeam } from '../fixtures';
import { expectValidationIssue, openReview, queue, REVIEWS, type Review, send } from '../review-helpers';

let team: TestTeam;

beforeEach(async () => {
  await resetDatabase();
  team = await createTeam('acme');
});

async function counts(query: Record<string, string> = {}, key = team.reviewer.key) {
  const suffix = Object.keys(query).length > 0 ? `?${new URLSearchParams(query)}` : '';
  return send('GET', `${REVIEWS}/counts${suffix}`, { key });
}

/** How many items the queue itself lists for `query`, paging through all of it. */
async function queueSize(query: Record<string, string>): Promise<number> {
  let total = 0;
  let cursor: string | undefined;
  do {
    const response = await queue(team.reviewer, { ...query, limit: 200, ...(cursor ? { cursor } : {}) });
    expect(response.status).toBe(200);
    total += response.body.data.length;
    cursor = response.body.next_cursor ?? undefined;
  } while (cursor);
  return total;
}

/**
 * Two workflows × two block types, in every state the counts tell apart: unclaimed, claimed by
 * the caller, claimed by someone else, claimed once but expired, approved, rejected.
 */
async function seedMixedQueue(): Promise<void> {
  const open = (workflow_id: string, block_type: string): Promise<Review> =>
    openReview(team, { workflow_id, block_type });
  for (const workflow of ['invoices', 'contracts']) {
    for (const blockType of ['extract', 'classifier']) {
      await open(workflow, blockType);
      await (await open(workflow, blockType)).ok('claim', team.reviewer);
      await (await open(workflow, blockType)).ok('claim', team.reviewer2);
      const expired = await open(workflow, blockType);
      await expired.ok('claim', team.reviewer);
      await expired.expireClaim();
      await (await open(workflow, blockType)).ok('decision', team.reviewer, { verdict: 'approved' });
      await (await open(workflow, blockType)).ok('decision', team.reviewer, { verdict: 'rejected', reason: 'dup' });
    }
  }
  // One more of each in a single cell, so that no two filtered answers coincide by symmetry.
  await open('invoices', 'extract');
  await (await open('invoices', 'extract')).ok('decision', team.reviewer, { verdict: 'approved' });
}

describe('GET /v1/workflows/reviews/counts', () => {
  it('without filters counts the whole organization (and no other)', async () => {
    await seedMixedQueue();
    await openReview(await createTeam('other-org'));
    const response = await counts();
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ awaiting_review: 17, approved: 5, rejected: 4, mine: 4, unclaimed: 9 });
  });

  it.each<Record<string, string>>([
    { workflow_id: 'invoices' },
    { block_type: 'classifier' },
    { workflow_id: 'invoices', block_type: 'extract' },
    { workflow_id: 'contracts', block_type: 'classifier' },
    { workflow_id: 'invoices', mine: 'true' },
    { block_type: 'extract', unclaimed: 'true' },
    { workflow_id: 'nobody-runs-this' },
  ])('with %o, each count is what the queue lists under the same filters', async (filters) => {
    await seedMixedQueue();
    const response = await counts(filters);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      awaiting_review: await queueSize({ ...filters, status: 'awaiting_review' }),
      approved: await queueSize({ ...filters, status: 'approved' }),
      rejected: await queueSize({ ...filters, status: 'rejected' }),
      mine: await queueSize({ ...filters, mine: 'true' }),
      unclaimed: await queueSize({ ...filters, unclaimed: 'true' }),
    });
  });

  it('narrows by workflow and block type to the numbers the tabs should show', async () => {
    await seedMixedQueue();
    const response = await counts({ workflow_id: 'invoices', block_type: 'extract' });
    expect(response.body).toEqual({ awaiting_review: 5, approved: 2, rejected: 1, mine: 1, unclaimed: 3 });
  });

  it('ignores status, limit and cursor: the answer is broken down by status', async () => {
    await seedMixedQueue();
    const plain = await counts({ workflow_id: 'contracts' });
    const extra = await counts({ workflow_id: 'contracts', status: 'approved', limit: '5', cursor: 'x' });
    expect(extra.status).toBe(200);
    expect(extra.body).toEqual(plain.body);
  });

  it.each([
    [{ block_type: 'spreadsheet' }, ['block_type']],
    [{ workflow_id: 'has spaces' }, ['workflow_id']],
    [{ mine: 'yes' }, ['mine']],
    [{ unclaimed: 'maybe' }, ['unclaimed']],
  ])('refuses a bad filter %o with 422 naming it', async (query, path) => {
    const response = await counts(query);
    expectValidationIssue(response, path);
  });
});
