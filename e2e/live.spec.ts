/**
 * Live data in the reviewer's day: what somebody else does shows up in every query it affects
 * (queue rows, counts, the open review and its workflow run), and a change costs an idle inbox
 * one read of the changed review, not a refetch of every page it has loaded.
 */
import { expect, type Page, type Request, test } from '@playwright/test';
import { KEYS, type OpenedGate, openGate, signIn, uniqueId } from './helpers';
import { command, openReviewGate, REVIEWER_KEY, reviewPage } from './review-helpers';

const row = (page: Page, gate: OpenedGate) => page.locator(`tr[data-row-id="${gate.blockRunId}"]`);
/** The number on a status tab. */
const tabCount = (page: Page, status: 'awaiting_review' | 'approved' | 'rejected') =>
  page.getByRole('navigation', { name: 'Review status' }).locator(`[data-count="${status}"]`);
const claimButton = (page: Page, name: 'Mine' | 'Unclaimed') =>
  page.getByRole('button', { name: new RegExp(`^${name}`) });
const reviews = (n: number) => `${n} reviews`;
const claimCount = (name: string, n: number) => new RegExp(`^${name}\\s*${n}$`);
const gateAsReview = (gate: OpenedGate) => ({ runId: gate.runId, blockId: gate.blockId, url: '' });

/** `count` gates of a fresh workflow, priorities count…1, opened a few at a time. */
async function openGates(page: Page, workflowId: string, count: number): Promise<OpenedGate[]> {
  const gates: OpenedGate[] = [];
  for (let start = 0; start < count; start += 10) {
    const batch = Array.from({ length: Math.min(10, count - start) }, (_, offset) =>
      openGate(page.request, { workflowId, priority: count - start - offset }),
    );
    gates.push(...(await Promise.all(batch)));
  }
  return gates;
}

/** Counts what the page asks the API, by kind, from the moment it is called. */
function countRequests(page: Page) {
  const counts = { queuePages: 0, overlays: 0 };
  const onRequest = (request: Request) => {
    if (request.method() !== 'GET') return;
    const { pathname } = new URL(request.url());
    if (pathname === '/v1/workflows/reviews') counts.queuePages += 1;
    else if (/^\/v1\/workflows\/reviews\/[^/]+\/[^/]+$/.test(pathname)) counts.overlays += 1;
  };
  page.on('request', onRequest);
  return counts;
}

test.describe('live data', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, 'dana');
  });

  test('a decision by someone else updates the open review’s workflow run', async ({ page }) => {
    const gate = await openReviewGate(page.request);
    await page.goto(gate.url);
    const header = reviewPage(page).status;
    await expect(header).toContainText('Awaiting review');
    await expect(header).toContainText(/Run\s*waiting for review/);
    await expect(page.locator('[data-live-status="live"]')).toBeVisible();

    await command(page.request, gate, 'decision', { verdict: 'approved' }, KEYS.lead);

    await expect(header).toContainText('Approved');
    await expect(header).toContainText(/Run\s*resumed/);
  });

  test('a change patches the loaded pages in place: no page of the queue is fetched again', async ({
    page,
    request,
  }) => {
    test.setTimeout(120_000);
    const workflowId = uniqueId('wf-live');
    const gates = await openGates(page, workflowId, 110);
    await page.goto(`/?workflow_id=${workflowId}`);

    // Scroll until the last of three pages is loaded and in view.
    const last = gates.at(-1) as OpenedGate;
    const scroller = page.locator('div:has(> table[role="grid"])');
    await expect(async () => {
      await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
      await expect(row(page, last)).toBeVisible({ timeout: 1_000 });
    }).toPass();
    await expect(page.locator('[data-live-status="live"]')).toBeVisible();

    const requests = countRequests(page);
    const claimed = gates[105] as OpenedGate;
    const decided = gates[107] as OpenedGate;
    // Someone else claims a row in view, decides another, and a workflow opens a new gate (with
    // a request context of its own, so only the page's requests are counted).
    await command(request, gateAsReview(claimed), 'claim', {}, KEYS.lead);
    await command(request, gateAsReview(decided), 'decision', { verdict: 'approved' }, KEYS.lead);
    const added = await openGate(request, { workflowId, priority: 0 });

    await expect(row(page, claimed)).toContainText('Morgan Lee is reviewing');
    await expect(row(page, decided)).toHaveCount(0);
    await expect(row(page, added)).toBeVisible();

    // Three changes: at most one read of each changed review, and no queue page read again.
    expect(requests.queuePages).toBe(0);
    expect(requests.overlays).toBeLessThanOrEqual(3);
  });

  test('a claim elsewhere takes the row out of the unclaimed view', async ({ page }) => {
    const workflowId = uniqueId('wf-live');
    const [first, second] = (await openGates(page, workflowId, 2)) as [OpenedGate, OpenedGate];
    await page.goto(`/?workflow_id=${workflowId}&claim=unclaimed`);
    await expect(row(page, second)).toBeVisible();
    await expect(page.locator('[data-live-status="live"]')).toBeVisible();

    await command(page.request, gateAsReview(first), 'claim', {}, KEYS.lead);
    await expect(row(page, first)).toHaveCount(0);
    await expect(row(page, second)).toBeVisible();
  });

  test('the tabs and claim buttons count the filtered view', async ({ page }) => {
    const workflowId = uniqueId('wf-counts');
    const gates = await openGates(page, workflowId, 5);
    const [mine, theirs, approved, rejected] = gates as [OpenedGate, OpenedGate, OpenedGate, OpenedGate];
    await command(page.request, gateAsReview(mine), 'claim', {}, REVIEWER_KEY);
    await command(page.request, gateAsReview(theirs), 'claim', {}, KEYS.lead);
    await command(page.request, gateAsReview(approved), 'decision', { verdict: 'approved' }, KEYS.lead);
    await command(page.request, gateAsReview(rejected), 'decision', { verdict: 'rejected', reason: 'dup' }, KEYS.lead);

    await page.goto(`/?workflow_id=${workflowId}`);
    await expect(page.locator('tr[data-row-id]')).toHaveCount(3);
    await expect(tabCount(page, 'awaiting_review')).toHaveText(reviews(3));
    await expect(tabCount(page, 'approved')).toHaveText(reviews(1));
    await expect(tabCount(page, 'rejected')).toHaveText(reviews(1));
    await expect(claimButton(page, 'Mine')).toHaveText(claimCount('Mine', 1));
    await expect(claimButton(page, 'Unclaimed')).toHaveText(claimCount('Unclaimed', 1));

    await claimButton(page, 'Unclaimed').click();
    await expect(page).toHaveURL(/claim=unclaimed/);
    await expect(page.locator('tr[data-row-id]')).toHaveCount(1);
    await expect(tabCount(page, 'awaiting_review')).toHaveText(reviews(1));

    // Every gate here is an extract: no classifier under these filters, in any tab.
    await page.getByRole('combobox', { name: 'Block type' }).selectOption('classifier');
    await expect(tabCount(page, 'awaiting_review')).toHaveText(reviews(0));
    await expect(tabCount(page, 'approved')).toHaveText(reviews(0));
  });
});
