/**
 * The inbox and a review at phone and small-laptop widths: the names a reviewer reads stay wide
 * enough to read, and nothing makes the page scroll sideways. Screenshots land in e2e/screenshots/.
 */
import { expect, type Page, test } from '@playwright/test';
import { claimWithKey, openGate, screenshot, signIn, uniqueId } from './helpers';

const WIDTHS = [360, 390, 1024];

/** Every scroll container (the page included) whose content is wider than its box. */
async function sidewaysScrollers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.scrollingElement;
    if (root && root.scrollWidth > root.clientWidth) found.push(`page (${root.scrollWidth} > ${root.clientWidth})`);
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      const { overflowX } = getComputedStyle(element);
      if ((overflowX === 'auto' || overflowX === 'scroll') && element.scrollWidth > element.clientWidth + 1) {
        found.push(
          `${element.tagName.toLowerCase()}.${element.className} (${element.scrollWidth} > ${element.clientWidth})`,
        );
      }
    }
    return found;
  });
}

for (const width of WIDTHS) {
  test(`at ${width} px the inbox shows review names wide enough to read`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await signIn(page, 'dana');
    const workflowId = uniqueId('wf-layout');
    const claimed = await openGate(page.request, { workflowId, blockId: 'extract_invoice' });
    await claimWithKey(page.request, claimed);
    const free = await openGate(page.request, { workflowId, blockId: 'classify_document' });

    await page.goto(`/?workflow_id=${workflowId}`);
    for (const gate of [claimed, free]) {
      const name = page.locator(`[data-row-id="${gate.blockRunId}"]`).getByRole('link');
      await expect(name).toBeVisible();
      const box = await name.boundingBox();
      // A third of the screen: room for a workflow name, whatever else the row shows.
      expect(box?.width ?? 0).toBeGreaterThanOrEqual(width / 3);
    }
    expect(await sidewaysScrollers(page)).toEqual([]);
    await screenshot(page, `layout-inbox-${width}`);

    await page.goto(`/?workflow_id=${workflowId}&status=approved`);
    await expect(page.getByText('No reviews match these filters')).toBeVisible();
    expect(await sidewaysScrollers(page)).toEqual([]);
  });

  test(`at ${width} px the review page keeps its title on one readable line`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await signIn(page, 'morgan');
    const gate = await openGate(page.request, { workflowId: uniqueId('wf-layout'), blockId: 'extract_invoice' });
    // Claimed by someone else: a lead sees the most buttons (release, take over, edit, reject, approve).
    await claimWithKey(page.request, gate, 'rik_demo_reviewer');

    await page.goto(`/reviews/${gate.runId}/${gate.blockId}`);
    const title = page.getByRole('heading', { level: 1 }).locator('span').first();
    await expect(title).toHaveText('extract_invoice');
    await expect(page.getByRole('button', { name: /Take over/ })).toBeVisible();
    // One rectangle per line the text is laid out on.
    const lines = await title.evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      return range.getClientRects().length;
    });
    expect(lines).toBe(1);
    const box = await title.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(100);
    expect(await sidewaysScrollers(page)).toEqual([]);
    await screenshot(page, `layout-review-${width}`);
  });
}
