/**
 * The inbox views leads asked for: SLA set in /settings and shown on every awaiting row, the
 * breached filter, the claim-holder filter, oldest first, each row's one-line preview, and the
 * dashboard's SLA card leading to the filtered inbox. Every gate is opened by the test itself in
 * a workflow of its own; the SLA change is undone afterwards, since other specs share the demo.
 */
import { expect, type Page, test } from '@playwright/test';
import { claimWithKey, KEYS, type OpenedGate, openGate, screenshot, signIn, uniqueId } from './helpers';

const rows = (page: Page) => page.locator('tr[data-row-id]');
const row = (page: Page, gate: OpenedGate) => page.locator(`tr[data-row-id="${gate.blockRunId}"]`);
const filters = (page: Page) => page.getByRole('search', { name: 'Filter reviews' });

interface Settings {
  sla_minutes: { default: number; by_priority: Record<string, number> };
}

async function countOf(page: Page, query: string): Promise<number> {
  const response = await page.request.get(`/v1/workflows/reviews/counts?${query}`, {
    headers: { 'api-key': KEYS.lead },
  });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { awaiting_review: number }).awaiting_review;
}

test.describe('inbox views', () => {
  test('an admin sets an SLA; the inbox marks breached rows and the breached filter narrows the list', async ({
    page,
  }) => {
    const before = await page.request.get('/v1/organization/settings', { headers: { 'api-key': KEYS.lead } });
    const original = (await before.json()) as Settings;
    expect(original.sla_minutes.by_priority).not.toHaveProperty('0');
    try {
      await signIn(page, 'alex');
      await page.goto('/settings#sla');
      const section = page.getByRole('region', { name: 'SLA' });
      await section.getByRole('button', { name: 'Add priority' }).click();
      const last = Object.keys(original.sla_minutes.by_priority).length;
      await section.locator(`#sla-priority-${last}`).fill('0');
      await section.locator(`#sla-minutes-${last}`).fill('1');
      await screenshot(page, 'settings-sla-admin');
      await section.getByRole('button', { name: 'Save SLA' }).click();
      await expect(page.getByText('SLA saved')).toBeVisible();
      const saved = (await (
        await page.request.get('/v1/organization/settings', { headers: { 'api-key': KEYS.lead } })
      ).json()) as Settings;
      expect(saved.sla_minutes).toEqual({
        default: original.sla_minutes.default,
        by_priority: { ...original.sla_minutes.by_priority, '0': 1 },
      });

      // A review opened now, at a priority with hours to go, is on time: no marker on its row.
      const fresh = await openGate(page.request, { workflowId: uniqueId('wf-sla'), priority: 1 });
      await page.goto(`/?workflow_id=${fresh.workflowId}`);
      await expect(row(page, fresh)).toBeVisible();
      await expect(row(page, fresh).getByText('SLA breached')).toHaveCount(0);

      // The breached filter: the list and its count are what the API counts, every row marked.
      const all = await countOf(page, '');
      const breached = await countOf(page, 'sla=breached');
      expect(breached).toBeGreaterThan(0);
      expect(breached).toBeLessThan(all);
      await page.goto('/');
      // A choice made before the page has hydrated changes the select but not the URL: choose
      // again until the inbox has taken it.
      await expect(async () => {
        await filters(page).getByLabel('SLA').selectOption('breached');
        await expect(page).toHaveURL('/?sla=breached', { timeout: 1_000 });
      }).toPass();
      const tabs = page.getByRole('navigation', { name: 'Review status' });
      await expect(tabs.getByRole('link', { name: /Awaiting review/ })).toContainText(breached.toLocaleString('en-US'));
      await expect(rows(page).first()).toBeVisible();
      const shown = await rows(page).count();
      await expect(rows(page).getByText('SLA breached', { exact: true })).toHaveCount(shown);
      await screenshot(page, 'inbox-sla-breached');

      // The fresh review is not in it.
      await page.goto(`/?workflow_id=${fresh.workflowId}&sla=breached`);
      await expect(page.getByText('No reviews match these filters')).toBeVisible();

      // A lead sees the SLA read-only.
      await signIn(page, 'morgan');
      await page.goto('/settings#sla');
      const readOnly = page.getByRole('table', { name: 'SLA by priority' });
      await expect(readOnly).toBeVisible();
      await expect(page.getByRole('button', { name: 'Save SLA' })).toHaveCount(0);
      await readOnly.scrollIntoViewIfNeeded();
      await screenshot(page, 'settings-sla-lead');
    } finally {
      await signIn(page, 'alex');
      const restore = await page.request.patch('/v1/organization/settings', {
        data: original,
        headers: { origin: test.info().project.use.baseURL ?? '' },
      });
      expect(restore.status(), await restore.text()).toBe(200);
    }
  });

  test('filters by claim holder, sorts oldest first, and shows a preview on each row', async ({ page }) => {
    await signIn(page, 'dana');
    const workflowId = uniqueId('wf-views');
    // Opened lowest priority first: the oldest review is the least urgent one.
    const low = await openGate(page.request, { workflowId, priority: 0 });
    const mid = await openGate(page.request, { workflowId, priority: 1 });
    const high = await openGate(page.request, { workflowId, priority: 2 });
    await claimWithKey(page.request, mid);

    await page.goto(`/?workflow_id=${workflowId}`);
    await expect(rows(page)).toHaveCount(3);
    const order = async () => rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-id')));
    await expect.poll(order).toEqual([high.blockRunId, mid.blockRunId, low.blockRunId]);
    // The preview: the first scalar fields of the output (the vendor object is left out).
    await expect(row(page, low)).toContainText('document_type: invoice · total: 1,234.5');

    await filters(page).getByLabel('Sort').selectOption('oldest');
    await expect(page).toHaveURL(`/?workflow_id=${workflowId}&sort=oldest`);
    await expect.poll(order).toEqual([low.blockRunId, mid.blockRunId, high.blockRunId]);
    await screenshot(page, 'inbox-oldest-first');

    const holder = filters(page).getByLabel('Claimed by');
    await expect(holder.locator('option', { hasText: 'Morgan Lee' })).toHaveCount(1);
    const morgan = await holder.locator('option', { hasText: 'Morgan Lee' }).getAttribute('value');
    await holder.selectOption({ value: morgan ?? '' });
    await expect(page).toHaveURL(`/?workflow_id=${workflowId}&claimed_by=${morgan}&sort=oldest`);
    await expect(rows(page)).toHaveCount(1);
    await expect(row(page, mid)).toBeVisible();
    await screenshot(page, 'inbox-claimed-by');
  });

  test('the dashboard’s SLA cards open the inbox filtered to them', async ({ page }) => {
    await signIn(page, 'morgan');
    await page.goto('/dashboard');
    const cards = page.getByRole('list', { name: 'Queue numbers' });
    await cards.getByRole('listitem', { name: 'SLA breached' }).getByRole('link').click();
    await expect(page).toHaveURL('/?sla=breached&sort=oldest');
    await expect(filters(page).getByLabel('SLA')).toHaveValue('breached');
    await expect(filters(page).getByLabel('Sort')).toHaveValue('oldest');
    const breached = await countOf(page, 'sla=breached');
    const tabs = page.getByRole('navigation', { name: 'Review status' });
    await expect(tabs.getByRole('link', { name: /Awaiting review/ })).toContainText(breached.toLocaleString('en-US'));

    await page.goto('/dashboard');
    const byType = page.getByRole('table', { name: 'Awaiting by block type' });
    const first = byType.getByRole('link').first();
    const blockType = (await first.textContent()) ?? '';
    await first.click();
    await expect(page).toHaveURL(`/?block_type=${blockType}`);
  });
});
