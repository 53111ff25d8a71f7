/**
 * GET /v1/workflows/reviews — the queue: its order, filters, limits and keyset pagination, as a
 * client paging through it would see them.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDatabase } from '../db';
import { createTeam, type TestActor, type TestTeam } from '../fixtures';
import { actorOf, expectValidationIssue, ISO_MS, openReview, queue, type Review } from '../review-helpers';

let team: TestTeam;

beforeEach(async () => {
  await resetDatabase();
  team = await createTeam('acme');
});

const T0 = Date.parse('2026-05-13T09:00:00.000Z');
const minutes = (n: number) => new Date(T0 + n * 60_000);

interface ItemSpec {
  priority?: number;
  /** Minutes after T0 to pin awaiting_since at; the creation time when absent. */
  waitingFrom?: number;
  workflow_id?: string;
  block_type?: string;
}

/**
 * Opens one gate per spec. Run ids are zero-padded (`qrun-007`) so that `_id` order is the same
 * under every collation, and the test can compute the expected order itself.
 */
async function seed(specs: ItemSpec[]): Promise<Review[]> {
  const reviews: Review[] = [];
  for (const [index, spec] of specs.entries()) {
    const { waitingFrom, ...overrides } = spec;
    const review = await openReview(team, { ...overrides, workflow_run_id: `qrun-${String(index).padStart(3, '0')}` });
    if (waitingFrom !== undefined) await review.patchRow({ awaitingSince: minutes(waitingFrom) });
    reviews.push(review);
  }
  return reviews;
}

/** The contract's awaiting order: priority desc, awaiting_since asc, then _id. */
function expectedAwaitingOrder(reviews: Review[], specs: ItemSpec[]): string[] {
  return reviews
    .map((review, i) => ({
      id: review.opened._id as string,
      priority: specs[i]!.priority ?? 0,
      since: specs[i]!.waitingFrom ?? 0,
    }))
    .sort((a, b) => b.priority - a.priority || a.since - b.since || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((item) => item.id);
}

const ids = (page: any) => page.data.map((item: any) => item._id);

async function page(actor: TestActor, query: Record<string, string | number | boolean>) {
  const response = await queue(actor, query);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(response.body.has_more).toBe(response.body.next_cursor !== null);
  return response.body;
}

/** Follows next_cursor to the end; every page but the last is full. */
async function walk(actor: TestActor, query: Record<string, string | number>, limit: number) {
  const pages: any[] = [];
  let cursor: string | null = null;
  do {
    const body: any = await page(actor, { ...query, limit, ...(cursor ? { cursor } : {}) });
    pages.push(body);
    if (body.has_more) expect(body.data).toHaveLength(limit);
    cursor = body.next_cursor;
    expect(pages.length, 'the walk does not end').toBeLessThan(100);
  } while (cursor);
  const last = pages.at(-1);
  expect(last.has_more).toBe(false);
  expect(last.next_cursor).toBeNull();
  return { pages, ids: pages.flatMap(ids) as string[] };
}

describe('queue contents and order', () => {
  it('lists awaiting_review items by default', async () => {
    const [waiting, approved, rejected, alsoWaiting] = await seed([{}, {}, {}, {}]);
    await approved!.ok('decision', team.reviewer, { verdict: 'approved' });
    await rejected!.ok('decision', team.reviewer, { verdict: 'rejected', reason: 'duplicate' });

    const body = await page(team.reviewer, {});
    expect(ids(body).sort()).toEqual([waiting!.opened._id, alsoWaiting!.opened._id].sort());
    expect(body.data.every((item: any) => item.status === 'awaiting_review')).toBe(true);
    expect(body).toMatchObject({ has_more: false, next_cursor: null });

    expect(ids(await page(team.reviewer, { status: 'approved' }))).toEqual([approved!.opened._id]);
    expect(ids(await page(team.reviewer, { status: 'rejected' }))).toEqual([rejected!.opened._id]);
  });

  it('orders awaiting items by priority desc, then awaiting_since asc, then _id', async () => {
    const specs: ItemSpec[] = [
      { priority: 0, waitingFrom: 0 }, // qrun-000
      { priority: 5, waitingFrom: 10 }, // qrun-001
      { priority: 5, waitingFrom: 2 }, // qrun-002
      { priority: 0, waitingFrom: 0 }, // qrun-003: ties qrun-000 on time
      { priority: -3, waitingFrom: -60 }, // qrun-004: oldest, but lowest priority
      { priority: 5, waitingFrom: 2 }, // qrun-005: ties qrun-002 on time
    ];
    await seed(specs);
    expect(ids(await page(team.reviewer, {}))).toEqual([
      'qrun-002:extract-invoice',
      'qrun-005:extract-invoice',
      'qrun-001:extract-invoice',
      'qrun-000:extract-invoice',
      'qrun-003:extract-invoice',
      'qrun-004:extract-invoice',
    ]);
  });

  it('orders decided items by decided_at desc', async () => {
    const reviews = await seed([{}, {}, {}, {}]);
    const decidedAt = [30, 10, 40, 20];
    for (const [i, review] of reviews.entries()) {
      await review.ok('decision', team.reviewer, { verdict: 'approved' });
      await review.patchRow({ decidedAt: minutes(decidedAt[i]!) });
    }
    const body = await page(team.reviewer, { status: 'approved' });
    expect(ids(body)).toEqual(['qrun-002', 'qrun-000', 'qrun-003', 'qrun-001'].map((id) => `${id}:extract-invoice`));
    expect(body.data.map((item: any) => item.decided_at)).toEqual(
      [40, 30, 20, 10].map((m) => minutes(m).toISOString()),
    );
  });

  it('serves QueueItems: the overlay without versions, decisions and audit, plus head_version', async () => {
    const [review] = await seed([{ priority: 2 }]);
    await review!.ok('versions', team.agent, { snapshot: { vendor: 'Acme AG' }, origin: 'agent_edit' });
    await review!.ok('claim', team.reviewer);
    const overlay = await review!.read();

    const [item] = (await page(team.reviewer, {})).data;
    expect(item).not.toHaveProperty('versions');
    expect(item).not.toHaveProperty('decisions');
    expect(item).not.toHaveProperty('audit');
    expect(item.head_version).toMatchObject({ seq: 1, origin: 'agent_edit', author: actorOf(team.agent) });
    const { versions: _v, decisions: _d, audit: _a, ...overlayWithoutHistory } = overlay;
    expect(item).toMatchObject(overlayWithoutHistory);
    expect(item).toMatchObject({
      rev: 2,
      version_stamp: 2,
      head_seq: 1,
      priority: 2,
      claim: { holder: actorOf(team.reviewer) },
    });
    expect(item.awaiting_since).toMatch(ISO_MS);
  });

  it('reads an item whose claim has expired as claim null', async () => {
    const [review] = await seed([{}]);
    await review!.ok('claim', team.reviewer);
    await review!.expireClaim();
    expect((await page(team.reviewer, {})).data[0].claim).toBeNull();
  });

  it('does not show another organization’s items', async () => {
    await seed([{}, {}]);
    const outsider = await createTeam('globex');
    expect((await page(outsider.reviewer, {})).data).toEqual([]);
  });
});

describe('queue filters', () => {
  it('filters by workflow_id and block_type', async () => {
    await seed([
      { workflow_id: 'invoices', block_type: 'extract' }, // qrun-000
      { workflow_id: 'invoices', block_type: 'classifier' }, // qrun-001
      { workflow_id: 'contracts', block_type: 'extract' }, // qrun-002
    ]);
    const idsOf = async (query: Record<string, string>) =>
      ids(await page(team.reviewer, query)).map((id: string) => id.slice(0, 8));
    expect((await idsOf({ workflow_id: 'invoices' })).sort()).toEqual(['qrun-000', 'qrun-001']);
    expect((await idsOf({ block_type: 'extract' })).sort()).toEqual(['qrun-000', 'qrun-002']);
    expect(await idsOf({ workflow_id: 'invoices', block_type: 'classifier' })).toEqual(['qrun-001']);
    expect(await idsOf({ workflow_id: 'unknown' })).toEqual([]);
  });

  it('refuses an unknown block_type or status with 422', async () => {
    expectValidationIssue(await queue(team.reviewer, { block_type: 'summarize' }), ['block_type']);
    expectValidationIssue(await queue(team.reviewer, { status: 'pending' }), ['status']);
  });

  it('mine lists only my unexpired claims; unclaimed=true lists items nobody holds', async () => {
    const [mineActive, mineExpired, theirs] = await seed([{}, {}, {}, {}]);
    await mineActive!.ok('claim', team.reviewer);
    await mineExpired!.ok('claim', team.reviewer);
    await mineExpired!.expireClaim();
    await theirs!.ok('claim', team.reviewer2);

    const mine = await page(team.reviewer, { mine: true });
    expect(ids(mine)).toEqual(['qrun-000:extract-invoice']);
    expect(ids(await page(team.reviewer2, { mine: true }))).toEqual(['qrun-002:extract-invoice']);
    expect(ids(await page(team.lead, { mine: true }))).toEqual([]);

    const unclaimed = await page(team.reviewer, { unclaimed: true });
    expect(ids(unclaimed).sort()).toEqual(['qrun-001:extract-invoice', 'qrun-003:extract-invoice']);
    expect(unclaimed.data.every((item: any) => item.claim === null)).toBe(true);
  });
});

describe('queue limits', () => {
  it.each([0, 201, -1, 'ten'])('refuses limit=%s with 422 on path limit', async (limit) => {
    expectValidationIssue(await queue(team.reviewer, { limit }), ['limit']);
  });

  it('serves 50 items by default and up to 200 on request', async () => {
    await seed(Array.from({ length: 51 }, () => ({})));
    const first = await page(team.reviewer, {});
    expect(first.data).toHaveLength(50);
    expect(first.has_more).toBe(true);
    expect(typeof first.next_cursor).toBe('string');

    const all = await page(team.reviewer, { limit: 200 });
    expect(all.data).toHaveLength(51);
    expect(all).toMatchObject({ has_more: false, next_cursor: null });
  });
});

describe('keyset pagination', () => {
  it('walks 42 awaiting items of mixed priorities and tied timestamps, each exactly once and in order', async () => {
    const priorities = [0, 5, 0, -1, 10, 5, 0];
    const specs: ItemSpec[] = Array.from({ length: 42 }, (_, i) => ({
      priority: priorities[i % priorities.length],
      waitingFrom: (i * 7) % 3, // three distinct timestamps shared by many items
    }));
    const reviews = await seed(specs);

    const { pages, ids: walked } = await walk(team.reviewer, {}, 7);
    expect(pages).toHaveLength(6); // 42 = 6 full pages: the sixth must still say has_more false
    expect(walked).toEqual(expectedAwaitingOrder(reviews, specs));
    expect(new Set(walked).size).toBe(42);
  });

  it('ends on a partial last page', async () => {
    const specs: ItemSpec[] = Array.from({ length: 40 }, (_, i) => ({ priority: i % 4, waitingFrom: i % 3 }));
    const reviews = await seed(specs);
    const { pages, ids: walked } = await walk(team.reviewer, {}, 7);
    expect(pages.map((p) => p.data.length)).toEqual([7, 7, 7, 7, 7, 5]);
    expect(walked).toEqual(expectedAwaitingOrder(reviews, specs));
  });

  it('walks a decided queue by decided_at desc, each item exactly once', async () => {
    const reviews = await seed(Array.from({ length: 9 }, () => ({})));
    for (const [i, review] of reviews.entries()) {
      await review.ok('decision', team.reviewer, { verdict: 'approved' });
      await review.patchRow({ decidedAt: minutes(i % 3) }); // ties on decided_at
    }
    const { ids: walked, pages } = await walk(team.reviewer, { status: 'approved' }, 2);
    expect(pages).toHaveLength(5);
    expect(new Set(walked).size).toBe(9);
    const decidedAt = pages.flatMap((p) => p.data.map((item: any) => Date.parse(item.decided_at)));
    expect(decidedAt).toEqual([...decidedAt].sort((a, b) => b - a));
  });

  it('keeps filters across pages', async () => {
    const specs: ItemSpec[] = Array.from({ length: 10 }, (_, i) => ({
      workflow_id: i % 2 ? 'odd' : 'even',
      priority: i % 3,
      waitingFrom: (i * 5) % 4,
    }));
    const reviews = await seed(specs);
    const { ids: walked } = await walk(team.reviewer, { workflow_id: 'odd' }, 2);
    const odd = reviews.filter((_, i) => i % 2);
    expect(walked).toEqual(
      expectedAwaitingOrder(
        odd,
        specs.filter((_, i) => i % 2),
      ),
    );
  });

  it('refuses a garbage cursor with 422 on path cursor', async () => {
    expectValidationIssue(await queue(team.reviewer, { cursor: 'not-a-cursor' }), ['cursor']);
    const forged = Buffer.from(JSON.stringify({ hello: 'world' })).toString('base64url');
    expectValidationIssue(await queue(team.reviewer, { cursor: forged }), ['cursor']);
  });

  it('refuses a cursor of the approved queue on the awaiting_review queue with 422', async () => {
    const reviews = await seed([{}, {}, {}]);
    for (const review of reviews) await review.ok('decision', team.reviewer, { verdict: 'approved' });
    const approvedPage = await page(team.reviewer, { status: 'approved', limit: 1 });
    expect(approvedPage.next_cursor).toEqual(expect.any(String));

    expectValidationIssue(await queue(team.reviewer, { cursor: approvedPage.next_cursor }), ['cursor']);
    expect((await queue(team.reviewer, { status: 'approved', cursor: approvedPage.next_cursor })).status).toBe(200);
  });

  it('survives items being decided between page fetches', async () => {
    const specs: ItemSpec[] = Array.from({ length: 20 }, (_, i) => ({ priority: i % 2, waitingFrom: i % 3 }));
    const reviews = await seed(specs);
    const order = expectedAwaitingOrder(reviews, specs);
    const byId = new Map(reviews.map((review) => [review.opened._id as string, review]));
    const decide = (id: string) => byId.get(id)!.ok('decision', team.reviewer, { verdict: 'approved' });

    const first = await page(team.reviewer, { limit: 5 });
    expect(ids(first)).toEqual(order.slice(0, 5));
    // The cursor's own item and one not yet served leave the queue before the next fetch.
    await decide(order[4]!);
    await decide(order[12]!);

    const seen: string[] = [...ids(first)];
    let cursor: string | null = first.next_cursor;
    while (cursor) {
      const next: any = await page(team.reviewer, { limit: 5, cursor });
      seen.push(...ids(next));
      cursor = next.next_cursor;
    }
    expect(seen).toEqual(order.filter((id) => id !== order[12]));
  });
});
