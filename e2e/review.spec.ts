import { type Browser, expect, type Page, test } from '@playwright/test';
import { type Person, screenshot, signIn } from './helpers';
import { command, head, INVOICE, openReviewGate, readOverlay, reviewPage } from './review-helpers';

test.use({ viewport: { width: 1280, height: 800 } });

const toast = (page: Page) => page.locator('[data-toast]');

async function openAs(browser: Browser, person: Person, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signIn(page, person);
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('extract_invoice');
  return page;
}

test.describe('review page', () => {
  test('shows the review: header, v0 against the head, versions and activity', async ({ page }) => {
    const gate = await openReviewGate(page.request);
    await command(page.request, gate, 'versions', {
      snapshot: { ...INVOICE, po_number: 'PO-58213', due_date: '2026-06-16' },
      note: 'PO number is printed in the footer.',
    });
    await signIn(page, 'dana');
    await page.goto(gate.url);

    const review = reviewPage(page);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('extract_invoice');
    await expect(review.status).toContainText('Awaiting review');
    await expect(review.status).toContainText('Priority 3');
    await expect(review.status).toContainText('field confidence below');
    await expect(page.getByTestId('fields-table').locator('[data-changed]')).toHaveCount(2);
    await review.showDiff();
    await expect(review.compare.getByRole('heading', { name: 'Comparing v0 with v1' })).toBeVisible();
    await expect(review.compare).toContainText('2 fields changed');
    await expect(review.compare).toContainText('"po_number": "PO-58213"');
    await expect(review.version(1)).toContainText('Head');
    await expect(review.version(1)).toContainText('PO number is printed in the footer.');
    await expect(review.version(0)).toContainText('Model output');
    await expect(review.activity).toContainText('Dana Rivera saved v1 (human edit)');
    await expect(review.activity).toContainText('Workflow Engine opened the review');
    await screenshot(page, 'review-diff');

    // Any two versions: v1 against itself shows no change, and the reset brings back v0 → head.
    await review.versions.getByRole('radio', { name: 'Compare from v1' }).check();
    await expect(review.compare.getByRole('heading')).toContainText('Showing v1');
    await expect(review.compare).not.toContainText('fields changed');
    await review.compare.getByRole('button', { name: 'Model output vs head' }).click();
    await expect(review.compare).toContainText('2 fields changed');
  });

  test('claim and release', async ({ page, browser }) => {
    const gate = await openReviewGate(page.request);
    await signIn(page, 'dana');
    await page.goto(gate.url);
    const review = reviewPage(page);
    await expect(page.getByText('Nobody has claimed this review.')).toBeVisible();

    await page.getByRole('button', { name: 'Claim', exact: true }).click();
    await expect(page.getByTestId('claim-line')).toContainText('Claimed by you');
    await expect(page.getByTestId('claim-line')).toContainText(/left\)/);
    await expect(toast(page)).toContainText('You hold the claim until');
    await expect(review.activity).toContainText('Dana Rivera claimed the review');

    // Sam sees who holds it and for how long, and gets no claim button of his own.
    const sam = await openAs(browser, 'sam', gate.url);
    await expect(sam.getByTestId('claim-line')).toContainText('Claimed by Dana Rivera');
    await expect(sam.getByRole('button', { name: 'Claim', exact: true })).toHaveCount(0);

    await page.getByRole('button', { name: 'Release', exact: true }).click();
    await expect(page.getByText('Nobody has claimed this review.')).toBeVisible();
    await expect(review.activity).toContainText('Dana Rivera released the claim');

    // Dana's page still shows the review unclaimed; Sam claims first, then Dana's claim is refused.
    await sam.reload();
    await sam.getByRole('button', { name: 'Claim', exact: true }).click();
    await expect(sam.getByTestId('claim-line')).toContainText('Claimed by you');
    await sam.context().close();
  });

  test('a claim held by someone else is explained with holder and expiry', async ({ page }) => {
    const gate = await openReviewGate(page.request);
    await signIn(page, 'dana');
    // Live updates would show Sam's claim at once; freeze the page's view to lose the race on purpose.
    await page.route('**/v1/events', (route) => route.abort());
    await page.goto(gate.url);
    await expect(page.getByText('Nobody has claimed this review.')).toBeVisible();
    await command(page.request, gate, 'claim', {}, 'rik_demo_lead');

    await page.getByRole('button', { name: 'Claim', exact: true }).click();
    const notice = reviewPage(page).notice;
    await expect(notice).toContainText('Morgan Lee holds the claim');
    await expect(notice).toContainText(/Their claim runs until .+ \(1[0-5] min from now\)/);
    await expect(page.getByTestId('claim-line')).toContainText('Claimed by Morgan Lee');
  });

  test('edit a field and save it as a new version', async ({ page }) => {
    const gate = await openReviewGate(page.request);
    await signIn(page, 'dana');
    await page.goto(gate.url);
    const review = reviewPage(page);

    await expect(page.getByRole('heading', { level: 1 })).toContainText('extract_invoice');
    await page.keyboard.press('e');
    await expect(review.editor).toBeVisible();
    await expect(review.field('document_type')).toBeFocused();
    await review.field('due_date').fill('2026-06-16');
    await review.field('vendor.name').fill('Northwind Traders AG');
    await page.getByLabel(/^Note/).fill('Net 45 per the invoice footer; vendor renamed in April.');
    await review.editor.getByRole('heading', { level: 2 }).scrollIntoViewIfNeeded();
    await screenshot(page, 'review-edit');
    await review.editor.getByText('Preview changes').click();
    await expect(review.editor).toContainText('2 fields changed');
    await review.editor.getByText('Preview changes').scrollIntoViewIfNeeded();
    await screenshot(page, 'review-edit-preview');

    await page.getByLabel(/^Note/).press('Control+Enter');
    await expect(toast(page)).toContainText('Saved as v1');
    await expect(review.editor).toHaveCount(0);
    await expect(review.version(1)).toContainText('Human edit');
    await expect(review.version(1)).toContainText('Head');
    await expect(review.version(1)).toContainText('Net 45 per the invoice footer');
    await review.showDiff();
    await expect(review.compare).toContainText('2 fields changed');
    await expect(review.compare).toContainText('"due_date": "2026-06-16"');
    await expect(review.compare).toContainText('"name": "Northwind Traders AG"');

    const overlay = await readOverlay(page.request, gate);
    expect(head(overlay).snapshot).toMatchObject({ due_date: '2026-06-16', vendor: { name: 'Northwind Traders AG' } });
    expect(head(overlay).note).toBe('Net 45 per the invoice footer; vendor renamed in April.');
  });

  test('cancelling a changed draft asks first', async ({ page }) => {
    const gate = await openReviewGate(page.request);
    await signIn(page, 'dana');
    await page.goto(gate.url);
    const review = reviewPage(page);
    await page.getByRole('button', { name: /^Edit/ }).click();
    await review.field('currency').fill('USD');
    await review.editor.getByRole('button', { name: /^Cancel/ }).click();
    await expect(review.dialog).toContainText('Discard your changes?');
    await review.dialog.getByRole('button', { name: 'Keep editing' }).click();
    await expect(review.field('currency')).toHaveValue('USD');
    await review.editor.getByRole('button', { name: /^Cancel/ }).click();
    await review.dialog.getByRole('button', { name: 'Discard changes' }).click();
    await expect(review.editor).toHaveCount(0);
    expect((await readOverlay(page.request, gate)).head_seq).toBe(0);
  });

  test('approve with edits', async ({ page }) => {
    const gate = await openReviewGate(page.request);
    await signIn(page, 'dana');
    await page.goto(gate.url);
    const review = reviewPage(page);

    await page.getByRole('button', { name: /^Edit/ }).click();
    await review.field('total').fill('321.73');
    await page.getByLabel(/^Note/).fill('Total includes the shipping line.');
    await page.getByRole('button', { name: 'Approve with edits…' }).click();
    await expect(review.dialog).toContainText('saved as v1 and approved in one step');
    await review.dialog.getByRole('button', { name: 'Save as v1 and approve' }).click();

    await expect(toast(page)).toContainText('Approved with your edits as v1');
    await expect(review.status).toContainText('Approved');
    await expect(page.getByTestId('decision-callout')).toContainText('Dana Rivera approved v1');
    await expect(review.version(1)).toContainText('Effective');
    await expect(review.activity).toContainText('Dana Rivera approved v1');
    await expect(review.activity).toContainText('Total includes the shipping line.');
    await expect(page.getByRole('button', { name: /^Approve/ })).toHaveCount(0);

    const overlay = await readOverlay(page.request, gate);
    expect(overlay).toMatchObject({ status: 'approved', effective_seq: 1 });
    expect(head(overlay).snapshot.total).toBe(321.73);
    const run = await (await page.request.get(`/v1/workflows/runs/${gate.runId}`)).json();
    expect(run.status).toBe('resumed');
  });

  test('approve an earlier version', async ({ page }) => {
    const gate = await openReviewGate(page.request);
    await command(page.request, gate, 'versions', { snapshot: { ...INVOICE, total: 1 }, note: 'oops' });
    await signIn(page, 'dana');
    await page.goto(gate.url);
    const review = reviewPage(page);
    await review.version(0).getByRole('button', { name: 'Approve v0…' }).click();
    await expect(review.dialog).toContainText('Not the head');
    await review.dialog.getByRole('button', { name: 'Approve v0' }).click();
    await expect(page.getByTestId('decision-callout')).toContainText('Dana Rivera approved v0');
    expect(await readOverlay(page.request, gate)).toMatchObject({ status: 'approved', effective_seq: 0, head_seq: 1 });
  });

  test('reject needs a reason', async ({ page }) => {
    const gate = await openReviewGate(page.request);
    await signIn(page, 'dana');
    await page.goto(gate.url);
    const review = reviewPage(page);

    await expect(page.getByRole('heading', { level: 1 })).toContainText('extract_invoice');
    await page.keyboard.press('r');
    await expect(review.dialog).toBeVisible();
    const reason = review.dialog.getByLabel(/^Reason/);
    await expect(reason).toBeFocused();
    await reason.fill('   ');
    await review.dialog.getByRole('button', { name: 'Reject', exact: true }).click();
    await expect(review.dialog).toContainText('Give a reason for the rejection');
    await expect(reason).toHaveAttribute('aria-invalid', 'true');
    await expect(reason).toBeFocused();
    expect((await readOverlay(page.request, gate)).status).toBe('awaiting_review');

    await reason.fill('Not an invoice: this is a purchase order.');
    await expect(review.dialog).not.toContainText('Give a reason for the rejection');
    await reason.press('Control+Enter');
    await expect(review.status).toContainText('Rejected');
    await expect(page.getByTestId('decision-callout')).toContainText('Not an invoice: this is a purchase order.');
    await expect(review.activity).toContainText('Dana Rivera rejected v0');
    const run = await (await page.request.get(`/v1/workflows/runs/${gate.runId}`)).json();
    expect(run.status).toBe('cancelled');
  });

  test('revert to the model output', async ({ page }) => {
    const gate = await openReviewGate(page.request);
    await command(page.request, gate, 'versions', { snapshot: { ...INVOICE, currency: 'USD' }, note: 'wrong guess' });
    await signIn(page, 'dana');
    await page.goto(gate.url);
    const review = reviewPage(page);

    await review.version(0).getByRole('button', { name: 'Revert to v0…' }).click();
    await expect(review.dialog).toContainText('Adds v2 as a copy of v0');
    await review.dialog.getByLabel(/^Note/).fill('The model had the currency right.');
    await review.dialog.getByRole('button', { name: 'Revert to v0' }).click();

    await expect(toast(page)).toContainText('Reverted to v0: saved as v2');
    await expect(review.version(2)).toContainText('Revert to v0');
    await expect(review.version(2)).toContainText('The model had the currency right.');
    await review.showDiff();
    await expect(review.compare).toContainText('No fields changed');
    await expect(review.activity).toContainText('Dana Rivera reverted to v0 as v2');
    const overlay = await readOverlay(page.request, gate);
    expect(head(overlay)).toMatchObject({ origin: 'revert', snapshot: INVOICE });
  });

  test('two reviewers edit at once: the second merges without retyping', async ({ page, browser }) => {
    const gate = await openReviewGate(page.request);
    const dana = await openAs(browser, 'dana', gate.url);
    const sam = await openAs(browser, 'sam', gate.url);
    const danaReview = reviewPage(dana);
    const samReview = reviewPage(sam);

    await dana.getByRole('button', { name: /^Edit/ }).click();
    await danaReview.field('due_date').fill('2026-06-16');
    await dana.getByLabel(/^Note/).fill('Net 45.');

    await sam.getByRole('button', { name: /^Edit/ }).click();
    await samReview.field('invoice_number').fill('NO-2026-48231');
    await sam.getByRole('button', { name: 'Save as new version' }).click();
    await expect(toast(sam)).toContainText('Saved as v1');

    await dana.getByRole('button', { name: 'Save as new version' }).click();
    const panel = dana.getByRole('region', { name: 'This review changed while you were editing' });
    await expect(panel).toBeVisible();
    await expect(panel).toContainText('Sam Okafor appended a new version');
    await expect(panel).toContainText('Fields changed: invoice_number');
    await expect(panel).toContainText('Carried over from your draft');
    await expect(panel).toContainText('due_date');
    await screenshot(dana, 'review-conflict');

    await panel.getByRole('button', { name: 'Re-apply my changes' }).click();
    await expect(danaReview.field('due_date')).toHaveValue('2026-06-16');
    await expect(danaReview.field('invoice_number')).toHaveValue('NO-2026-48231');
    await expect(dana.getByLabel(/^Note/)).toHaveValue('Net 45.');
    await expect(danaReview.editor).toContainText('based on v1');
    await dana.getByRole('button', { name: 'Save as new version' }).click();
    await expect(toast(dana)).toContainText('Saved as v2');

    const overlay = await readOverlay(page.request, gate);
    expect(overlay.head_seq).toBe(2);
    expect(head(overlay).snapshot).toMatchObject({ invoice_number: 'NO-2026-48231', due_date: '2026-06-16' });
    await expect(samReview.version(2)).toContainText('Net 45.');
    await dana.context().close();
    await sam.context().close();
  });

  test('a conflict on the same field asks which value to keep', async ({ page, browser }) => {
    const gate = await openReviewGate(page.request);
    const dana = await openAs(browser, 'dana', gate.url);
    const review = reviewPage(dana);
    await dana.getByRole('button', { name: /^Edit/ }).click();
    await review.field('total').fill('400');
    await command(page.request, gate, 'versions', { snapshot: { ...INVOICE, total: 350 } }, 'rik_demo_lead');

    await dana.getByRole('button', { name: 'Approve with edits…' }).click();
    await review.dialog.getByRole('button', { name: /and approve/ }).click();
    const panel = dana.getByRole('region', { name: 'This review changed while you were editing' });
    await expect(panel).toContainText('Morgan Lee appended a new version');
    await expect(panel.getByRole('button', { name: 'Re-apply my changes' })).toBeDisabled();
    await panel.getByRole('radio', { name: 'Keep mine' }).check();
    await panel.getByRole('button', { name: 'Re-apply my changes' }).click();
    await expect(review.field('total')).toHaveValue('400');
    await expect(review.editor.getByText('Conflict', { exact: true })).toBeVisible();
    await screenshot(dana, 'review-conflict-merged');

    await dana.getByRole('button', { name: 'Approve with edits…' }).click();
    await review.dialog.getByRole('button', { name: 'Save as v2 and approve' }).click();
    await expect(dana.getByTestId('decision-callout')).toContainText('Dana Rivera approved v2');
    expect(head(await readOverlay(page.request, gate)).snapshot.total).toBe(400);
    await dana.context().close();
  });

  test('a decision made while editing keeps the draft for copying', async ({ page, browser }) => {
    const gate = await openReviewGate(page.request);
    const dana = await openAs(browser, 'dana', gate.url);
    await dana.route('**/v1/events', (route) => route.abort());
    await dana.reload();
    const review = reviewPage(dana);
    await dana.getByRole('button', { name: /^Edit/ }).click();
    await review.field('currency').fill('CHF');
    await command(page.request, gate, 'decision', { verdict: 'approved' }, 'rik_demo_lead');

    await dana.getByRole('button', { name: 'Save as new version' }).click();
    const panel = dana.getByTestId('decided-panel');
    await expect(panel).toContainText('Morgan Lee approved v0');
    await expect(panel.getByLabel('Your draft')).toHaveValue(/"currency": "CHF"/);
    await screenshot(dana, 'review-decided-while-editing');
    await expect(reviewPage(dana).status).toContainText('Approved');
    await dana.context().close();
  });

  test('a snapshot with markup is shown as text and never runs', async ({ page }) => {
    const xss = {
      ...INVOICE,
      notes: '<script>window.__xss = 1</script>',
      vendor: { name: '<img src=x onerror="window.__xss = 2">', tax_id: 'DE293847561' },
    };
    const gate = await openReviewGate(page.request, { modelOutput: xss });
    await signIn(page, 'dana');
    await page.goto(gate.url);
    const review = reviewPage(page);
    await expect(page.getByTestId('fields-table')).toContainText('<script>window.__xss = 1</script>');
    await review.showDiff();
    await expect(review.compare).toContainText('"notes": "<script>window.__xss = 1</script>"');
    await expect(review.compare).toContainText('<img src=x onerror=\\"window.__xss = 2\\">');
    await page.getByRole('button', { name: /^Edit/ }).click();
    await expect(review.field('notes')).toHaveValue('<script>window.__xss = 1</script>');
    await expect(review.field('vendor.name')).toHaveValue('<img src=x onerror="window.__xss = 2">');
    await page.getByRole('button', { name: 'Edit structure' }).click();
    await page.getByRole('button', { name: 'Raw JSON' }).click();
    await expect(page.getByLabel('Raw JSON')).toHaveValue(/<script>window.__xss = 1<\/script>/);
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    await expect(page.locator('main img[src="x"], main script')).toHaveCount(0);
  });

  test('a lead reopens an approved review', async ({ page, browser }) => {
    const gate = await openReviewGate(page.request);
    await command(page.request, gate, 'decision', { verdict: 'approved' });

    // A reviewer cannot reopen.
    await signIn(page, 'dana');
    await page.goto(gate.url);
    await expect(reviewPage(page).status).toContainText('Approved');
    await expect(page.getByRole('button', { name: /Reopen/ })).toHaveCount(0);

    const morgan = await openAs(browser, 'morgan', gate.url);
    const review = reviewPage(morgan);
    await expect(morgan.getByTestId('decision-callout')).toContainText('Dana Rivera approved v0');
    await morgan.getByRole('button', { name: 'Reopen…' }).click();
    await review.dialog.getByRole('button', { name: 'Reopen review' }).click();
    await expect(review.dialog).toContainText('Give a reason for reopening');
    await review.dialog.getByLabel(/^Reason for reopening/).fill('Vendor disputes the total.');
    await screenshot(morgan, 'review-reopen-dialog');
    await review.dialog.getByRole('button', { name: 'Reopen review' }).click();

    await expect(review.status).toContainText('Awaiting review');
    await expect(review.activity).toContainText('Morgan Lee reopened the approved review');
    await expect(review.activity).toContainText('Vendor disputes the total.');
    await expect(morgan.getByText(/Morgan Lee reopened this review/)).toBeVisible();
    await expect(morgan.getByRole('button', { name: /^Approve/ })).toBeVisible();
    expect((await readOverlay(page.request, gate)).status).toBe('awaiting_review');
    await morgan.context().close();
  });

  test('an unknown review is a not-found page', async ({ page }) => {
    await signIn(page, 'dana');
    const missing = await page.goto('/reviews/run-that-never-was/extract_invoice');
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Review not found' })).toBeVisible();
    const malformed = await page.goto('/reviews/bad%20id/extract_invoice');
    expect(malformed?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Review not found' })).toBeVisible();
  });
});
