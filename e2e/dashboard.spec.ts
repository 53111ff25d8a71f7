/**
 * The lead dashboard at /dashboard: its numbers are the API's own, a decision shows up on it
 * live, its tables download as CSV, its rows (workflow, priority, reviewer) open the inbox, and
 * reviewers stay out.
 */
import { readFileSync } from 'node:fs';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { claimWithKey, KEYS, openGate, screenshot, signIn, uniqueId } from './helpers';
import { REVIEWER_KEY } from './review-helpers';

interface QueueStats {
  awaiting: number;
  by_workflow: { workflow_id: string; awaiting: number }[];
  claims: { active: number; expired: number };
  sla: { breached: number; at_risk: number };
}

interface DecisionStats {
  series: { bucket_start: string; approved: number }[];
}

const card = (page: Page, label: string) =>
  page.getByRole('list', { name: 'Queue numbers' }).getByRole('listitem', { name: label }).getByTestId('card-value');

/** The inbox's first rows and tab count are the API's page and count for `query`, once both settle. */
async function expectInboxAsTheApiLists(
  page: Page,
  request: APIRequestContext,
  query: string,
  status: 'awaiting_review' | 'approved' | 'rejected',
) {
  await expect(async () => {
    const headers = { 'api-key': KEYS.lead };
    const listed = await request.get(`/v1/workflows/reviews?${query}&limit=5`, { headers });
    expect(listed.status()).toBe(200);
    const expectedIds = ((await listed.json()) as { data: { block_run_id: string }[] }).data.map(
      (item) => item.block_run_id,
    );
    const countQuery = new URLSearchParams(query);
    countQuery.delete('status');
    const counts = (await (
      await request.get(`/v1/workflows/reviews/counts?${countQuery}`, { headers })
    ).json()) as Record<string, number>;
    await expect(page.locator(`[data-count="${status}"]`)).toHaveText(
      `${counts[status]?.toLocaleString('en-US')} reviews`,
      { timeout: 1000 },
    );
    const shown = await page
      .locator('tr[data-row-id]')
      .evaluateAll((rows) => rows.slice(0, 5).map((row) => row.getAttribute('data-row-id')));
    expect(shown).toEqual(expectedIds);
  }).toPass({ timeout: 15_000 });
}

async function openDashboard(page: Page) {
  await signIn(page, 'morgan');
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.locator('[data-live-status="live"]')).toBeVisible();
}

test.describe('dashboard', () => {
  test('a lead sees the queue as the API counts it, and a decision arrives live', async ({ page, request }) => {
    await openDashboard(page);

    // Every count on the cards is the API's, read with the demo lead's key (retried: others may move it).
    // An item can cross an SLA threshold between two reads, and the cards refetch only every minute:
    // a retry reloads the page, so that it reads the counts afresh as the test does.
    let attempts = 0;
    await expect(async () => {
      if (attempts++ > 0) {
        await page.reload();
        await expect(page.locator('[data-live-status="live"]')).toBeVisible();
      }
      const response = await request.get('/v1/stats/queue', { headers: { 'api-key': KEYS.lead } });
      expect(response.status()).toBe(200);
      const stats = (await response.json()) as QueueStats;
      expect(stats.awaiting).toBeGreaterThan(0);
      await expect(card(page, 'Awaiting')).toHaveText(String(stats.awaiting), { timeout: 1000 });
      await expect(card(page, 'Active claims')).toHaveText(String(stats.claims.active), { timeout: 1000 });
      await expect(card(page, 'Expired claims')).toHaveText(String(stats.claims.expired), { timeout: 1000 });
      await expect(card(page, 'SLA breached')).toHaveText(String(stats.sla.breached), { timeout: 1000 });
      await expect(card(page, 'SLA at risk')).toHaveText(String(stats.sla.at_risk), { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    for (const label of ['Oldest waiting', 'Wait p50', 'Wait p90', 'Wait p99']) {
      await expect(card(page, label)).not.toHaveText('—');
    }
    await screenshot(page, 'dashboard-lead');

    // Today's approvals, as the API counts them and as the page's table shows them.
    const gate = await openGate(request, { workflowId: uniqueId('wf-dash') });
    const decisions = await request.get('/v1/stats/decisions', { headers: { 'api-key': KEYS.lead } });
    const series = ((await decisions.json()) as DecisionStats).series;
    const today = series.at(-1);
    if (!today) throw new Error('the period has no days');
    await page.getByText('The numbers, day by day').click();
    const approvedToday = page
      .getByRole('table', { name: 'Decisions per day' })
      .locator(`tr[data-day="${today.bucket_start}"] td`)
      .nth(1);
    await expect(approvedToday).toHaveText(String(today.approved));

    // A reviewer approves through the API; the page counts it without a reload.
    const current = await request.get(`/v1/workflows/reviews/${gate.runId}/${gate.blockId}`, {
      headers: { 'api-key': REVIEWER_KEY },
    });
    const { rev } = (await current.json()) as { rev: number };
    const approve = await request.post(`/v1/workflows/reviews/${gate.runId}/${gate.blockId}/decision`, {
      headers: { 'api-key': REVIEWER_KEY },
      data: { verdict: 'approved', version_stamp: rev },
    });
    expect(approve.status(), await approve.text()).toBe(200);
    await expect(approvedToday).toHaveText(String(today.approved + 1));
    await approvedToday.scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-decisions');
  });

  test('a table downloads as CSV, and a workflow row opens the inbox filtered to it', async ({ page, request }) => {
    await openDashboard(page);
    const expected = await request.get('/v1/stats/queue?format=csv&table=by_workflow', {
      headers: { 'api-key': KEYS.lead },
    });
    expect(expected.status()).toBe(200);
    const expectedHeader = (await expected.text()).split(/\r?\n/)[0];
    expect(expectedHeader).toContain('workflow_id');

    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download CSV of the queue by workflow' }).click();
    const download = await downloading;
    const file = await download.path();
    expect(readFileSync(file, 'utf8').split(/\r?\n/)[0]).toBe(expectedHeader);

    const byWorkflow = page.getByRole('table', { name: 'Awaiting by workflow' });
    const first = byWorkflow.getByRole('link').first();
    const workflowId = (await first.textContent()) ?? '';
    expect(workflowId).not.toBe('');
    await first.click();
    await expect(page).toHaveURL(`/?workflow_id=${encodeURIComponent(workflowId)}`);
  });

  test('a priority row and a reviewer open the inbox filtered to them', async ({ page, request }) => {
    await openDashboard(page);
    const priorityLink = page.getByRole('table', { name: 'Awaiting by priority' }).getByRole('link').first();
    const priority = (await priorityLink.textContent()) ?? '';
    expect(priority).toMatch(/^-?\d+$/);
    await priorityLink.click();
    await expect(page).toHaveURL(`/?priority=${priority}`);
    await expect(page.getByRole('combobox', { name: 'Priority' })).toHaveValue(priority);
    await expect(page.locator('tr[data-row-id]').first()).toBeVisible();

    await page.goBack();
    const reviewerLink = page.getByRole('table', { name: 'Decisions by reviewer' }).getByRole('link').first();
    await expect(reviewerLink).toBeVisible();
    await reviewerLink.click();
    // The reviewer's decisions, not the claims they hold: the table is about what they decided.
    await expect(page).toHaveURL(/\/\?status=approved&decided_by=act_/);
    const decider = new URL(page.url()).searchParams.get('decided_by') ?? '';
    await expect(page.getByRole('button', { name: `Remove filter: Decided by ${decider}` })).toBeVisible();
    await expectInboxAsTheApiLists(page, request, `status=approved&decided_by=${decider}`, 'approved');
    await screenshot(page, 'dashboard-reviewer-inbox');

    // Their rejections are one tab away, still theirs.
    await page.getByRole('link', { name: /^Rejected/ }).click();
    await expect(page).toHaveURL(`/?status=rejected&decided_by=${decider}`);
    await expectInboxAsTheApiLists(page, request, `status=rejected&decided_by=${decider}`, 'rejected');

    await page.getByRole('button', { name: `Remove filter: Decided by ${decider}` }).click();
    await expect(page).toHaveURL('/?status=rejected');
  });

  test('the claim cards open the inbox on the claims they count', async ({ page, request }) => {
    // At least one claim holds, whatever the seed left.
    await claimWithKey(request, await openGate(request, { workflowId: uniqueId('wf-claims') }), REVIEWER_KEY);
    await openDashboard(page);
    for (const [label, claim] of [
      ['Active claims', 'active'],
      ['Expired claims', 'expired'],
    ] as const) {
      await page.getByRole('link', { name: new RegExp(`^${label}: \\d+, open in the inbox$`) }).click();
      await expect(page).toHaveURL(`/?claim=${claim}`);
      await expect(page.getByRole('button', { name: `Remove filter: Claim ${claim}` })).toBeVisible();
      // The inbox lists as many as the card counted (retried: other tests may move the numbers).
      await expect(async () => {
        const stats = (await (
          await request.get('/v1/stats/queue', { headers: { 'api-key': KEYS.lead } })
        ).json()) as QueueStats;
        await expect(page.locator('[data-count="awaiting_review"]')).toHaveText(
          `${stats.claims[claim].toLocaleString('en-US')} reviews`,
          {
            timeout: 1000,
          },
        );
      }).toPass({ timeout: 15_000 });
      await expectInboxAsTheApiLists(page, request, `claim=${claim}`, 'awaiting_review');
      if (claim === 'active') await screenshot(page, 'dashboard-claims-inbox');
      await page.goBack();
    }
  });

  test('a reviewer is not allowed, and has no link to it', async ({ page }) => {
    await signIn(page, 'dana');
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' })).toHaveCount(
      0,
    );
    await page.goto('/dashboard');
    await expect(page.getByRole('heading', { level: 1, name: 'Not allowed' })).toBeVisible();
    await screenshot(page, 'dashboard-not-allowed');
  });
});
