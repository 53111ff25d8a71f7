/**
 * A reviewer's decision path on the keyboard alone: open from the inbox, move through the queue
 * with j/k, confirm a decision with Enter, and land on the next review; and a lead's take-over
 * that asks first.
 */
import { expect, type Page, test } from '@playwright/test';
import { claimWithKey, type OpenedGate, openGate, signIn, uniqueId } from './helpers';
import { REVIEWER_KEY } from './review-helpers';

const reviewUrl = (gate: OpenedGate) => new RegExp(`/reviews/${gate.runId}/${gate.blockId}$`);

async function statusOf(
  page: Page,
  gate: OpenedGate,
): Promise<{ status: string; claim: { holder: { display_name: string } } | null }> {
  const response = await page.request.get(`/v1/workflows/reviews/${gate.runId}/${gate.blockId}`, {
    headers: { 'api-key': REVIEWER_KEY },
  });
  expect(response.status()).toBe(200);
  return response.json();
}

test('decide with the keyboard and move on through the queue in its order', async ({ page }) => {
  await signIn(page, 'dana');
  const workflowId = uniqueId('wf-keys');
  // Same priority: the queue shows them oldest first.
  const first = await openGate(page.request, { workflowId, blockId: 'first' });
  const second = await openGate(page.request, { workflowId, blockId: 'second' });
  const third = await openGate(page.request, { workflowId, blockId: 'third' });

  await page.goto(`/?workflow_id=${workflowId}`);
  await expect(page.locator(`[data-row-id="${third.blockRunId}"]`)).toBeVisible();
  await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(reviewUrl(first));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('first');

  // j and k walk the queue the reviewer came from.
  await page.keyboard.press('j');
  await expect(page).toHaveURL(reviewUrl(second));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('second');
  await page.keyboard.press('k');
  await expect(page).toHaveURL(reviewUrl(first));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('first');

  // a, then Enter in the dialog approves.
  await page.keyboard.press('a');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('decision-callout')).toContainText('approved v0');
  expect((await statusOf(page, first)).status).toBe('approved');

  // The keyboard is on "Next review", which opens the review that took this one's place.
  const next = page.getByRole('link', { name: /Next review/ });
  await expect(next).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(reviewUrl(second));

  // Reject with a reason; then j moves on.
  await expect(page.getByRole('heading', { level: 1 })).toContainText('second');
  await page.keyboard.press('r');
  await page.keyboard.type('Not an invoice');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('decision-callout')).toContainText('rejected v0');
  await expect(next).toBeFocused();
  await page.keyboard.press('j');
  await expect(page).toHaveURL(reviewUrl(third));

  // The last one: after deciding there is no next review, and the keyboard goes to the way back.
  await expect(page.getByRole('heading', { level: 1 })).toContainText('third');
  await page.keyboard.press('a');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('decision-callout')).toContainText('approved v0');
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Inbox' })).toBeFocused();
  expect((await statusOf(page, third)).status).toBe('approved');
});

test('taking over a claim asks first', async ({ page }) => {
  await signIn(page, 'morgan');
  const gate = await openGate(page.request, { workflowId: uniqueId('wf-keys') });
  await claimWithKey(page.request, gate, REVIEWER_KEY);

  await page.goto(`/reviews/${gate.runId}/${gate.blockId}`);
  await page.getByRole('button', { name: /Take over/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Take over Dana Rivera’s claim?' });
  await expect(dialog).toBeVisible();
  // Nothing happened yet, and the safe answer is the default.
  expect((await statusOf(page, gate)).claim?.holder.display_name).toBe('Dana Rivera');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  expect((await statusOf(page, gate)).claim?.holder.display_name).toBe('Dana Rivera');

  await page.getByRole('button', { name: /Take over/ }).click();
  await dialog.getByRole('button', { name: 'Take over' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('claim-line')).toContainText('Claimed by you');
  expect((await statusOf(page, gate)).claim?.holder.display_name).toBe('Morgan Lee');
});

test('the shortcut help lists the keys of the review page', async ({ page }) => {
  await signIn(page, 'dana');
  const gate = await openGate(page.request, { workflowId: uniqueId('wf-keys') });
  await page.goto(`/reviews/${gate.runId}/${gate.blockId}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.keyboard.press('?');
  const review = page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByRole('region', { name: 'Review' });
  await expect(review).toContainText('Next review in the queue');
  await expect(review).toContainText('Previous review in the queue');
  await expect(review).toContainText('Confirm, in a dialog');
});
