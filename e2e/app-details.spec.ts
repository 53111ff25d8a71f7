/**
 * The small things around the main pages: a 404 page in the app's look (while the API keeps its
 * JSON 404), a favicon, and an activity timeline whose every line reads as a sentence.
 */
import { expect, test } from '@playwright/test';
import { signIn } from './helpers';
import { command, openReviewGate, REVIEWER_KEY } from './review-helpers';

test('an unknown page answers 404 inside the app shell', async ({ page }) => {
  await signIn(page, 'dana');
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to the inbox' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('signed out, an unknown page says so and offers to sign in', async ({ page }) => {
  const response = await page.goto('/reviews/a/b/c');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
});

test('an unknown API path keeps the JSON error envelope', async ({ request }) => {
  const response = await request.get('/v1/no-such-thing', { headers: { 'api-key': REVIEWER_KEY } });
  expect(response.status()).toBe(404);
  expect(response.headers()['x-request-id']).toBeTruthy();
  const body = await response.json();
  expect(body.detail.code).toBe('not_found');
});

test('pages have a favicon', async ({ page }) => {
  await page.goto('/sign-in');
  const href = await page.locator('link[rel="icon"]').first().getAttribute('href');
  expect(href).toBeTruthy();
  const icon = await page.request.get(href as string);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
});

test('every activity line reads as a sentence, reasons and notes included', async ({ page, request }) => {
  const gate = await openReviewGate(request);
  await command(request, gate, 'claim', {});
  await command(request, gate, 'versions', { snapshot: { total: 1 }, note: 'total from the footer' });
  await command(request, gate, 'revert', { to_seq: 0, note: 'the model was right' });
  await command(request, gate, 'decision', { verdict: 'rejected', reason: 'Not an invoice' });
  await command(request, gate, 'reopen', { reason: 'vendor disputes it' }, 'rik_demo_lead');
  await command(request, gate, 'decision', { verdict: 'approved', reason: 'checked twice' });

  await signIn(page, 'dana');
  await page.goto(gate.url);
  const lines = page.getByTestId('activity').getByRole('listitem');
  await expect(lines).toHaveCount(8);
  // How long ago is the clock's business; the sentence before it is what this test reads.
  const sentences = (await lines.allInnerTexts()).map((line) => line.replace(/ · (just now|\d+ min ago)$/, ''));
  expect(sentences).toEqual([
    'Dana Rivera approved v2, replacing the earlier decision: checked twice',
    'Morgan Lee reopened the rejected review: vendor disputes it',
    'Dana Rivera stopped holding the claim when the review was decided',
    'Dana Rivera rejected v2: Not an invoice',
    'Dana Rivera reverted to v0 as v2: the model was right',
    'Dana Rivera saved v1 (human edit): total from the footer',
    'Dana Rivera claimed the review',
    'Workflow Engine opened the review with the model output as v0',
  ]);
});
