import { expect, test } from '@playwright/test';
import { signIn } from './helpers';
import { openReviewGate, reviewPage } from './review-helpers';

test('saving a version reads the review no second time', async ({ page }) => {
  const gate = await openReviewGate(page.request);
  const overlayPath = `/v1/workflows/reviews/${gate.runId}/${gate.blockId}`;
  const runPath = `/v1/workflows/runs/${gate.runId}`;
  await signIn(page, 'dana');
  await page.goto(gate.url);
  const review = reviewPage(page);
  await expect(review.version(0)).toBeVisible();

  const reads: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'GET') reads.push(new URL(request.url()).pathname);
  });
  await page.keyboard.press('e');
  await review.field('due_date').fill('2026-06-16');
  await page.getByLabel(/^Note/).press('Control+Enter');
  await expect(review.version(1)).toContainText('Head');

  // The save marks the run stale, and so does its live event once it arrives: two reads of the
  // run show that both were handled, and neither read the review again.
  await expect.poll(() => reads.filter((path) => path === runPath).length).toBeGreaterThanOrEqual(2);
  expect(reads.filter((path) => path === overlayPath)).toEqual([]);
});
