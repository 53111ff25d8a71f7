/**
 * A lost connection is said out loud: the live indicator and a banner say so, an action tried
 * meanwhile says it was not sent (or got no answer) and offers a retry, and everything recovers
 * by itself once the connection is back.
 */
import { expect, type Page, test } from '@playwright/test';
import { type OpenedGate, openGate, signIn, uniqueId } from './helpers';
import { readOverlay, reviewPage } from './review-helpers';

const row = (page: Page, gate: OpenedGate) => page.locator(`tr[data-row-id="${gate.blockRunId}"]`);
const banner = (page: Page) => page.getByTestId('connection-banner');
const liveStatus = (page: Page, status: string) => page.locator(`[data-live-status="${status}"]`);
const asReview = (gate: OpenedGate) => ({ runId: gate.runId, blockId: gate.blockId, url: '' });

async function openOwnGate(page: Page): Promise<OpenedGate> {
  const gate = await openGate(page.request, { workflowId: uniqueId('wf-offline') });
  await page.goto(`/?workflow_id=${gate.workflowId}`);
  await expect(row(page, gate)).toBeVisible();
  await expect(liveStatus(page, 'live')).toBeVisible();
  return gate;
}

test.describe('offline', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, 'dana');
  });

  test('going offline is shown; a claim says it was not sent, and Retry claims once back online', async ({
    page,
    context,
    request,
  }) => {
    const gate = await openOwnGate(page);

    await context.setOffline(true);
    await expect(liveStatus(page, 'offline')).toHaveText('Offline');
    await expect(banner(page)).toContainText('You are offline');

    await page.keyboard.press('j');
    await page.keyboard.press('c');
    const failure = page.locator('[data-toast="error"]');
    await expect(failure).toContainText(`Could not claim ${gate.workflowId} › ${gate.blockId}`);
    await expect(failure).toContainText('Not sent: you are offline');
    expect((await readOverlay(request, asReview(gate))).rev).toBe(0);

    await context.setOffline(false);
    await expect(liveStatus(page, 'live')).toBeVisible();
    await expect(banner(page)).toHaveCount(0);

    await failure.getByRole('button', { name: 'Retry' }).click();
    await expect(page.locator('[data-toast="success"]')).toContainText(`Claimed ${gate.workflowId} › ${gate.blockId}`);
    await expect(row(page, gate)).toContainText('yours');
    expect((await readOverlay(request, asReview(gate))).rev).toBe(1);
  });

  test('a claim whose request fails on the way says so and can be retried', async ({ page, request }) => {
    const gate = await openOwnGate(page);
    const claimUrl = `**/v1/workflows/reviews/${gate.runId}/${gate.blockId}/claim`;
    await page.route(claimUrl, (route) => route.abort('connectionreset'));

    await page.keyboard.press('j');
    await page.keyboard.press('c');
    const failure = page.locator('[data-toast="error"]');
    await expect(failure).toContainText('No answer from the server');
    expect((await readOverlay(request, asReview(gate))).rev).toBe(0);

    await page.unroute(claimUrl);
    await failure.getByRole('button', { name: 'Retry' }).click();
    await expect(row(page, gate)).toContainText('yours');
  });

  test('on the review page, a claim made offline is reported as not sent', async ({ page, context }) => {
    const gate = await openGate(page.request, { workflowId: uniqueId('wf-offline') });
    await page.goto(`/reviews/${gate.runId}/${gate.blockId}`);
    await expect(liveStatus(page, 'live')).toBeVisible();

    await context.setOffline(true);
    await expect(banner(page)).toContainText('You are offline');
    await page.getByRole('button', { name: 'Claim', exact: true }).click();
    await expect(reviewPage(page).notice).toContainText('Could not claim the review');
    await expect(reviewPage(page).notice).toContainText('Not sent: you are offline');

    await context.setOffline(false);
    await expect(banner(page)).toHaveCount(0);
    await page.getByRole('button', { name: 'Claim', exact: true }).click();
    await expect(page.getByTestId('claim-line')).toContainText('Claimed by you');
  });
});
