import { expect, type Page, test } from '@playwright/test';
import { claimWithKey, type OpenedGate, openGate, screenshot, signIn, uniqueId } from './helpers';

const rows = (page: Page) => page.locator('tr[data-row-id]');
const row = (page: Page, gate: OpenedGate) => page.locator(`tr[data-row-id="${gate.blockRunId}"]`);

/** A workflow of its own with `count` gates, highest priority first, and the inbox filtered to it. */
async function openOwnQueue(page: Page, count: number): Promise<OpenedGate[]> {
  const workflowId = uniqueId('wf-e2e');
  const gates: OpenedGate[] = [];
  for (let index = 0; index < count; index++) {
    gates.push(await openGate(page.request, { workflowId, priority: count - index }));
  }
  await page.goto(`/?workflow_id=${workflowId}`);
  await expect(rows(page)).toHaveCount(count);
  return gates;
}

test.describe('inbox', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, 'dana');
  });

  test('lists the queue in the contract order, with counts per status', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Inbox', level: 1 })).toBeVisible();
    await expect(page.getByRole('banner')).toBeVisible();
    await expect(page.getByRole('main')).toBeVisible();

    const counts = (await (await page.request.get('/v1/workflows/reviews/counts')).json()) as Record<string, number>;
    const tabs = page.getByRole('navigation', { name: 'Review status' });
    await expect(tabs.getByRole('link', { name: /Awaiting review/ })).toContainText(
      counts.awaiting_review!.toLocaleString('en-US'),
    );
    await expect(tabs.getByRole('link', { name: /Approved/ })).toContainText(counts.approved!.toLocaleString('en-US'));
    await expect(tabs.getByRole('link', { name: /Rejected/ })).toContainText(counts.rejected!.toLocaleString('en-US'));

    const grid = page.getByRole('grid', { name: 'Reviews awaiting review' });
    await expect(grid).toBeVisible();
    const page1 = (await (await page.request.get('/v1/workflows/reviews?limit=10')).json()) as {
      data: { block_run_id: string }[];
    };
    const shown = await rows(page).evaluateAll((elements) =>
      elements
        .map((element) => ({
          id: element.getAttribute('data-row-id'),
          index: Number(element.getAttribute('aria-rowindex')),
        }))
        .sort((a, b) => a.index - b.index)
        .slice(0, 10)
        .map((entry) => entry.id),
    );
    expect(shown).toEqual(page1.data.map((item) => item.block_run_id));
    await screenshot(page, 'inbox');
  });

  test('scrolling loads the next page by cursor', async ({ page }) => {
    await page.goto('/');
    const body = page.locator('tbody');
    await expect(rows(page).first()).toBeVisible();
    const initialHeight = await body.evaluate((element) => element.getBoundingClientRect().height);
    test.skip(initialHeight < 50 * 40, 'the queue has fewer than one page of reviews');
    const scroller = page.locator('div:has(> table[role="grid"])');
    await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await expect
      .poll(() => body.evaluate((element) => element.getBoundingClientRect().height))
      .toBeGreaterThan(initialHeight);
    // Only the rows in view are in the DOM, however many are loaded.
    expect(await rows(page).count()).toBeLessThan(80);
  });

  test('j/k move the selection and Enter opens the review', async ({ page }) => {
    const gates = await openOwnQueue(page, 3);
    const [first, second, third] = gates as [OpenedGate, OpenedGate, OpenedGate];

    await page.keyboard.press('j');
    await expect(row(page, first)).toHaveAttribute('aria-selected', 'true');
    await expect(row(page, first).getByRole('link')).toBeFocused();
    await page.keyboard.press('j');
    await expect(row(page, second)).toHaveAttribute('aria-selected', 'true');
    await expect(row(page, first)).toHaveAttribute('aria-selected', 'false');
    await page.keyboard.press('k');
    await expect(row(page, first)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect(row(page, third)).toHaveAttribute('aria-selected', 'true');

    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/reviews/${third.runId}/${third.blockId}$`));

    // Coming back puts the selection where it was.
    await page.goBack();
    await expect(row(page, third)).toHaveAttribute('aria-selected', 'true');
  });

  test('c claims the selected review; a review somebody holds says who and until when', async ({ page }) => {
    const [mine, held] = (await openOwnQueue(page, 2)) as [OpenedGate, OpenedGate];

    await page.keyboard.press('j');
    await page.keyboard.press('c');
    await expect(page.locator('[data-toast="success"]')).toContainText(`Claimed ${mine.workflowId} › ${mine.blockId}`);
    await expect(row(page, mine)).toContainText(/yours · \d+ min left/);

    await claimWithKey(page.request, held);
    await expect(row(page, held)).toContainText('Morgan Lee is reviewing');
    await page.keyboard.press('j');
    await expect(row(page, held)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('c');
    const error = page.locator('[data-toast="error"]');
    await expect(error).toContainText('Morgan Lee is reviewing');
    await expect(error).toContainText(/Their claim ends at .+ \(\d+ min left\)/);
  });

  test('? lists the shortcuts; / focuses the filter, where keys type instead', async ({ page }) => {
    const [first] = (await openOwnQueue(page, 2)) as [OpenedGate, OpenedGate];

    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Claim the selected review');
    await expect(dialog).toContainText('Open the selected review');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    await page.keyboard.press('/');
    const filter = page.getByRole('combobox', { name: 'Workflow' });
    await expect(filter).toBeFocused();
    await page.keyboard.press('End');
    await page.keyboard.type('jk');
    await expect(filter).toHaveValue(`${first.workflowId}jk`);
    await expect(page.locator('tr[aria-selected="true"]')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(filter).toHaveValue(first.workflowId);
  });

  test('status tabs and filters live in the URL; back and forward restore them', async ({ page }) => {
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();

    await page.getByRole('link', { name: /Approved/ }).click();
    await expect(page).toHaveURL(/\/\?status=approved$/);
    await expect(page.getByRole('grid', { name: 'Approved reviews' })).toBeVisible();

    await page.getByRole('combobox', { name: 'Block type' }).selectOption('classifier');
    await expect(page).toHaveURL(/\/\?status=approved&block_type=classifier$/);
    for (const type of await page.locator('tr[data-row-id] td:nth-child(3)').allTextContents()) {
      expect(type).toBe('classifier');
    }

    await page.goBack();
    await expect(page).toHaveURL(/\/\?status=approved$/);
    await expect(page.getByRole('combobox', { name: 'Block type' })).toHaveValue('');
    await page.goBack();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('link', { name: /Awaiting review/ })).toHaveAttribute('aria-current', 'page');
    await page.goForward();
    await expect(page).toHaveURL(/\/\?status=approved$/);

    await page.goto('/?claim=mine');
    await expect(page.getByRole('button', { name: /^Mine/ })).toHaveAttribute('aria-pressed', 'true');
  });

  test('a review changed since it was last opened is marked', async ({ page }) => {
    const [gate] = (await openOwnQueue(page, 1)) as [OpenedGate];
    await expect(row(page, gate)).not.toContainText('changed since you last opened it');
    // What the review page records when it is opened at this rev.
    await page.evaluate(
      ({ id, rev }) => localStorage.setItem('review-inbox:seen-reviews:v1', JSON.stringify({ [id]: rev })),
      { id: gate.blockRunId, rev: gate.rev },
    );
    await claimWithKey(page.request, gate);
    await page.reload();
    await expect(row(page, gate).getByRole('link')).toContainText('changed since you last opened it');
  });

  test('live: Sam’s claim shows in Dana’s inbox without a reload', async ({ page, browser }) => {
    const [gate] = (await openOwnQueue(page, 1)) as [OpenedGate];
    await expect(page.locator('[data-live-status="live"]')).toBeVisible();

    const samContext = await browser.newContext();
    try {
      const sam = await samContext.newPage();
      await signIn(sam, 'sam');
      await sam.goto(`/?workflow_id=${gate.workflowId}`);
      await expect(row(sam, gate)).toBeVisible();
      await sam.keyboard.press('j');
      await sam.keyboard.press('c');
      await expect(row(sam, gate)).toContainText('yours');

      await expect(row(page, gate)).toContainText('Sam Okafor is reviewing', { timeout: 5_000 });
      await expect(page.locator('#live-announcer')).toHaveText('Queue updated', { timeout: 5_000 });
    } finally {
      await samContext.close();
    }
  });
});
