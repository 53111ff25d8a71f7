/**
 * The reviewer's workbench: the source PDF beside the fields, citations highlighted on it,
 * stepping through uncertain fields, the schema-driven form, and a 1,000-row output that still
 * takes typing.
 */
import { type APIRequestContext, type ConsoleMessage, expect, type Locator, type Page, test } from '@playwright/test';
import { KEYS, screenshot, signIn } from './helpers';
import { boxAround, makePdf, type PdfText } from './pdf-fixture';
import { head, INVOICE, type Json, openReviewGate, readOverlay, reviewPage } from './review-helpers';

/** Opening a review and its PDF on a machine shared by many test runs can take a while. */
const LOAD_TIMEOUT = 60_000;

const TEXTS = {
  number: { text: 'Invoice NO-2026-48213', x: 60, y: 720, size: 18 },
  date: { text: 'Date: 2026-05-02', x: 60, y: 690, size: 11 },
  due: { text: 'Due: 2026-06-01', x: 60, y: 672, size: 11 },
  vendor: { text: 'Northwind Traders GmbH', x: 360, y: 720, size: 11 },
  line: { text: 'Toner cartridge HP 59X   2 x 131.40   262.80', x: 60, y: 600, size: 11 },
  // On the second page, so selecting the total has to scroll the document.
  total: { text: 'Total EUR 312.73', x: 380, y: 140, size: 14 },
} satisfies Record<string, PdfText>;

const SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['invoice_number', 'invoice_date', 'total'],
  properties: {
    document_type: { const: 'invoice', title: 'Document type' },
    vendor: {
      type: 'object',
      title: 'Vendor',
      properties: { name: { type: 'string', title: 'Vendor name' }, tax_id: { type: 'string', title: 'Tax ID' } },
    },
    invoice_number: { type: 'string', title: 'Invoice number' },
    invoice_date: { type: 'string', format: 'date', title: 'Invoice date' },
    due_date: { type: 'string', format: 'date', title: 'Due date' },
    currency: { enum: ['EUR', 'USD', 'GBP'], title: 'Currency' },
    po_number: { type: ['string', 'null'], title: 'PO number' },
    line_items: {
      type: 'array',
      title: 'Line items',
      items: {
        type: 'object',
        required: ['description'],
        properties: {
          description: { type: 'string', title: 'Description' },
          quantity: { type: 'number', minimum: 0, title: 'Qty' },
          unit_price: { type: 'number', title: 'Unit price' },
          amount: { type: 'number', title: 'Amount' },
        },
      },
    },
    subtotal: { type: 'number', minimum: 0, title: 'Subtotal' },
    tax_rate: { type: 'number', minimum: 0, maximum: 1, title: 'Tax rate' },
    tax: { type: 'number', minimum: 0, title: 'Tax' },
    total: { type: 'number', minimum: 0, title: 'Total' },
  },
};

const LIKELIHOODS = {
  document_type: 0.99,
  vendor: { name: 0.97, tax_id: 0.9 },
  invoice_number: 0.98,
  invoice_date: 0.95,
  due_date: 0.55,
  currency: 0.99,
  po_number: 0.9,
  line_items: [{ description: 0.93, quantity: 0.97, unit_price: 0.9, amount: 0.88 }],
  subtotal: 0.9,
  tax_rate: 0.9,
  tax: 0.9,
  total: 0.42,
};

async function uploadPdf(request: APIRequestContext, name: string, pages: PdfText[][]): Promise<string> {
  const response = await request.post(`/v1/files?name=${encodeURIComponent(name)}`, {
    headers: { 'api-key': KEYS.integration, 'content-type': 'application/pdf' },
    data: makePdf(pages),
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { file_id: string }).file_id;
}

async function openInvoiceWithPdf(request: APIRequestContext) {
  const fileId = await uploadPdf(request, 'invoice-NO-2026-48213.pdf', [
    [TEXTS.number, TEXTS.date, TEXTS.due, TEXTS.vendor, TEXTS.line],
    [TEXTS.total],
  ]);
  const cite = (text: PdfText, page = 1) => [{ source: 0, page, bbox: boxAround(text), text: text.text }];
  return openReviewGate(request, {
    extras: {
      sources: [{ name: 'invoice-NO-2026-48213.pdf', mime_type: 'application/pdf', file_id: fileId }],
      json_schema: SCHEMA,
      likelihoods: LIKELIHOODS,
      citations: {
        '/invoice_number': cite(TEXTS.number),
        '/invoice_date': cite(TEXTS.date),
        '/due_date': cite(TEXTS.due),
        '/vendor/name': cite(TEXTS.vendor),
        '/line_items/0/amount': cite(TEXTS.line),
        '/total': cite(TEXTS.total, 2),
      },
    },
  });
}

/** A 1,000-row invoice, the size that froze the first editor. */
const THOUSAND_LINE_ITEMS = {
  ...INVOICE,
  line_items: Array.from({ length: 1000 }, (_, i) => ({
    description: `Part ${i + 1}`,
    quantity: (i % 7) + 1,
    unit_price: 10 + (i % 13),
    amount: ((i % 7) + 1) * (10 + (i % 13)),
  })),
} as Json;

/**
 * Types `text` into the input one key at a time and reports the median and worst time from each
 * keydown to the frame after React committed it.
 */
async function measureTyping(page: Page, input: Locator, text: string): Promise<string> {
  await input.click();
  await input.press('End');
  await page.evaluate(() => {
    const samples: number[] = [];
    (window as unknown as { __keySamples: number[] }).__keySamples = samples;
    document.addEventListener(
      'keydown',
      () => {
        const start = performance.now();
        requestAnimationFrame(() => setTimeout(() => samples.push(performance.now() - start), 0));
      },
      true,
    );
  });
  await input.pressSequentially(text, { delay: 60 });
  const samples = await page.evaluate(() => (window as unknown as { __keySamples: number[] }).__keySamples);
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const worst = sorted.at(-1) ?? 0;
  return `keystroke-to-paint over ${samples.length} keys: median ${median.toFixed(1)} ms, worst ${worst.toFixed(1)} ms`;
}

/** A measurement for the closing note: printed, and kept on the test's report. */
function report(description: string): void {
  console.log(description);
  test.info().annotations.push({ type: 'measurement', description });
}

/**
 * The structure editor's input of a field: the one beside its label (cheaper than matching by
 * label text in a page of thousands of labels).
 */
const structureInput = (page: Page, path: string) =>
  page.getByTestId('edit-form').locator(`label[title="${path}"] + input`);

const fieldRow = (page: Page, pointer: string) =>
  page.getByTestId('fields-table').locator(`[data-pointer="${pointer}"]`);

/** Whether the element's box lies inside the document viewer's scrolled view. */
async function isInsideViewer(page: Page, pointer: string): Promise<boolean> {
  const highlight = page
    .getByTestId('document-viewer')
    .locator(`[data-testid="citation-highlight"][data-pointer="${pointer}"]`);
  const box = await highlight.boundingBox();
  const view = await page.getByTestId('document-scroller').boundingBox();
  if (!box || !view) return false;
  return (
    box.y >= view.y &&
    box.y + box.height <= view.y + view.height &&
    box.x >= view.x &&
    box.x + box.width <= view.x + view.width
  );
}

test.describe('review workbench', () => {
  test('a field selected in the table scrolls the PDF to its highlighted box', async ({ page }) => {
    const gate = await openInvoiceWithPdf(page.request);
    await signIn(page, 'dana');
    await page.goto(gate.url);

    const viewer = page.getByTestId('document-viewer');
    await expect(viewer).toContainText('Page 1 of 2', { timeout: LOAD_TIMEOUT });
    await expect(fieldRow(page, '/total')).toContainText('Total');
    // The total sits on page 2: not in view until it is selected.
    expect(await isInsideViewer(page, '/total')).toBe(false);

    await fieldRow(page, '/total').click();
    const highlight = viewer.locator('[data-testid="citation-highlight"][data-pointer="/total"]');
    await expect(highlight).toHaveAttribute('data-selected', 'true');
    await expect.poll(() => isInsideViewer(page, '/total')).toBe(true);
    await expect(viewer).toContainText('Page 2 of 2');

    // Hovering a box names its field; clicking it selects the field in the table.
    const vendorBox = viewer.locator('[data-testid="citation-highlight"][data-pointer="/vendor/name"]');
    await viewer.getByRole('button', { name: 'Page 1' }).click();
    await vendorBox.hover();
    await expect(vendorBox.getByRole('tooltip')).toHaveText('Vendor name');
    await vendorBox.click();
    await expect(fieldRow(page, '/vendor/name')).toHaveAttribute('data-selected', 'true');
  });

  test('a seeded invoice renders with the standard fonts of pdf.js, not a fallback', async ({ page }) => {
    // pdf.js reports a font it cannot load (the seed's PDFs use the standard 14 fonts without
    // embedding them) as a console warning, from the page or from its worker.
    const fontWarnings: string[] = [];
    const listen = (message: ConsoleMessage) => {
      if (/standard_?font|font data|cmap/i.test(message.text())) {
        fontWarnings.push(message.text());
      }
    };
    page.on('console', listen);
    page.on('worker', (worker) => worker.on('console', listen));
    const fontsServed: string[] = [];
    page.context().on('response', (response) => {
      if (response.url().includes('/pdfjs/standard_fonts/') && response.ok()) fontsServed.push(response.url());
    });
    await signIn(page, 'dana');
    // The seed's large invoice (LARGE_INVOICE_RUN_ID in prisma/seed/documents/seed-documents.ts).
    await page.goto('/reviews/run_invoice_400_lines/extract_invoice');
    const viewer = page.getByTestId('document-viewer');
    await expect(viewer).toContainText(/Page 1 of \d+/, { timeout: LOAD_TIMEOUT });
    await expect(viewer.locator('canvas').first()).toBeVisible();
    // The fonts are fetched while the first page draws; give a late warning time to arrive.
    await page.waitForTimeout(1000);
    expect(fontWarnings).toEqual([]);
    expect(fontsServed.some((url) => url.endsWith('/LiberationSans-Regular.ttf'))).toBe(true);
    const font = await page.request.get('/pdfjs/standard_fonts/LiberationSans-Regular.ttf');
    expect(font.status()).toBe(200);
    expect((await page.request.get('/pdfjs/standard_fonts/..%2Fpackage.json')).status()).toBe(404);
  });

  test('n and N step through uncertain fields; the schema form refuses an incomplete date; approve with edits', async ({
    page,
  }) => {
    const gate = await openInvoiceWithPdf(page.request);
    await signIn(page, 'dana');
    await page.goto(gate.url);
    await expect(page.getByTestId('document-viewer')).toContainText('Page 1 of 2', { timeout: LOAD_TIMEOUT });

    // Below the default threshold (80 %): the due date (55 %) and the total (42 %), in reading order.
    await expect(page.getByTestId('attention-count')).toContainText('2 uncertain or changed');
    await page.keyboard.press('n');
    await expect(fieldRow(page, '/due_date')).toHaveAttribute('data-selected', 'true');
    await page.keyboard.press('n');
    await expect(fieldRow(page, '/total')).toHaveAttribute('data-selected', 'true');
    await expect.poll(() => isInsideViewer(page, '/total')).toBe(true);
    await page.keyboard.press('Shift+N');
    await expect(fieldRow(page, '/due_date')).toHaveAttribute('data-selected', 'true');

    // The reviewer's own threshold: at 90 % the line amount (88 %) is flagged too.
    await page.getByLabel('Flag below').fill('90');
    await expect(page.getByTestId('attention-count')).toContainText('3 uncertain or changed');
    await page.getByLabel('Flag below').fill('80');
    // Shortcuts stay quiet while a field has the focus.
    await page.getByLabel('Flag below').blur();

    await page.keyboard.press('e');
    const review = reviewPage(page);
    await expect(review.editor).toBeVisible();
    // Schema-driven: an enum is a select, no type pickers anywhere.
    await expect(review.field('currency')).toHaveJSProperty('tagName', 'SELECT');
    await expect(review.editor.getByRole('combobox', { name: /^Type of/ })).toHaveCount(0);

    // A date with its month part cleared: the input reports no date, and the draft keeps the
    // last valid one.
    const dueDate = review.field('due_date');
    await dueDate.click({ position: { x: 12, y: 12 } });
    await page.keyboard.press('Backspace');
    await expect(fieldRow(page, '/due_date')).toContainText('Not a valid date');
    await expect(dueDate).toHaveAttribute('aria-invalid', 'true');
    await dueDate.fill('2026-06-16');
    await expect(fieldRow(page, '/due_date')).not.toContainText('Not a valid date');
    await expect(fieldRow(page, '/due_date')).toContainText('Changed');

    // A value the schema forbids is marked as the reviewer types.
    await review.field('total').fill('-5');
    await expect(fieldRow(page, '/total')).toContainText('Must be >= 0');
    await review.field('total').fill('321.73');
    await expect(fieldRow(page, '/total')).not.toContainText('Must be');
    await review.field('line_items[0].amount').fill('271.80');

    await page.getByLabel(/^Note/).fill('Due date per the footer; shipping added.');
    await page.getByRole('button', { name: 'Approve with edits…' }).click();
    await review.dialog.getByRole('button', { name: 'Save as v1 and approve' }).click();
    await expect(review.status).toContainText('Approved');

    const overlay = await readOverlay(page.request, gate);
    expect(overlay.status).toBe('approved');
    expect(head(overlay).snapshot).toMatchObject({
      due_date: '2026-06-16',
      total: 321.73,
      line_items: [{ amount: 271.8 }],
    });
  });

  test('a 1,000-row output opens and takes typing', async ({ page }) => {
    const gate = await openReviewGate(page.request, {
      modelOutput: THOUSAND_LINE_ITEMS,
      extras: { json_schema: SCHEMA },
    });
    await signIn(page, 'dana');
    const opened = Date.now();
    await page.goto(gate.url);
    await expect(page.getByTestId('fields-table')).toContainText('1000 rows', { timeout: LOAD_TIMEOUT });
    const openMs = Date.now() - opened;

    await page.keyboard.press('e');
    const review = reviewPage(page);
    const cell = review.field('line_items[2].description');

    const typing = await measureTyping(page, cell, ' revised');
    await expect(cell).toHaveValue('Part 3 revised');
    report(`1,000 line items with a schema: opened in ${openMs} ms; ${typing}`);

    // Only the rows in view are in the page.
    expect(await page.locator('[data-row]').count()).toBeLessThan(60);
    // The last row is there after scrolling.
    await page.getByTestId('grid-/line_items').evaluate((grid) => grid.scrollTo({ top: grid.scrollHeight }));
    await expect(review.field('line_items[999].description')).toHaveValue('Part 1000');
  });

  test('a schema error in a row out of view is listed, jumped to, and blocks approving', async ({ page }) => {
    const gate = await openReviewGate(page.request, {
      modelOutput: THOUSAND_LINE_ITEMS,
      extras: { json_schema: SCHEMA },
    });
    await signIn(page, 'dana');
    await page.goto(gate.url);
    await expect(page.getByTestId('fields-table')).toContainText('1000 rows', { timeout: LOAD_TIMEOUT });
    await page.keyboard.press('e');
    const review = reviewPage(page);
    const grid = page.getByTestId('grid-/line_items');

    // Break a row near the end, then scroll back to the top: the grid no longer draws that row.
    await grid.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    const quantity = review.field('line_items[995].quantity');
    await quantity.fill('-1');
    await grid.evaluate((element) => element.scrollTo({ top: 0 }));
    await expect(page.locator('[data-row="995"]')).toHaveCount(0);

    const summary = page.getByTestId('schema-error-summary');
    await expect(summary).toContainText('1 field does not match the schema');
    await expect(summary).toContainText('line_items[995].quantity — Must be >= 0');

    await page.getByRole('button', { name: 'Approve with edits…' }).click();
    await expect(review.editor.getByRole('alert')).toContainText('1 field does not match the schema');
    await expect(review.dialog).toBeHidden();
    await screenshot(page, 'workbench-schema-errors');

    await summary.getByRole('button', { name: /line_items\[995\]\.quantity/ }).click();
    await expect(quantity).toBeFocused();
    await expect(quantity).toHaveValue('-1');
    await quantity.fill('4');
    await expect(summary).toBeHidden();
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await expect.poll(async () => (await readOverlay(page.request, gate)).head_seq).toBe(1);
  });

  test('without a schema, the structure editor of a 1,000-row output opens and takes typing', async ({ page }) => {
    const gate = await openReviewGate(page.request, { modelOutput: THOUSAND_LINE_ITEMS });
    await signIn(page, 'dana');
    await page.goto(gate.url);
    await expect(page.getByTestId('fields-table')).toContainText('1000 rows', { timeout: LOAD_TIMEOUT });
    await page.keyboard.press('e');
    const review = reviewPage(page);
    await expect(review.editor).toBeVisible();

    const toggled = Date.now();
    await page.getByRole('button', { name: 'Edit structure' }).click();
    const typePicker = page.getByRole('combobox', { name: 'Type of line_items[2].description' });
    await expect(typePicker).toBeVisible({ timeout: LOAD_TIMEOUT });
    report(`1,000 line items, no schema: Edit structure opened in ${Date.now() - toggled} ms`);

    const cell = structureInput(page, 'line_items[2].description');
    const typing = await measureTyping(page, cell, ' revised');
    await expect(cell).toHaveValue('Part 3 revised');
    report(`1,000 line items, no schema, Edit structure: ${typing}`);

    // The structure controls act on the draft: a field becomes a number, another goes.
    await page.getByRole('combobox', { name: 'Type of line_items[2].quantity' }).selectOption('string');
    await expect(structureInput(page, 'line_items[2].quantity')).toHaveValue('3');
    await page.getByRole('button', { name: 'Remove line_items[2].unit_price' }).click();
    await expect(page.getByRole('button', { name: 'Remove line_items[2].unit_price' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await expect.poll(async () => (await readOverlay(page.request, gate)).head_seq).toBe(1);
    const saved = head(await readOverlay(page.request, gate)).snapshot as { line_items: Json[] };
    expect(saved.line_items).toHaveLength(1000);
    expect(saved.line_items[2]).toEqual({ description: 'Part 3 revised', quantity: '3', amount: 36 });
  });

  for (const width of [1440, 1280]) {
    test(`the workbench at ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      const gate = await openInvoiceWithPdf(page.request);
      await signIn(page, 'dana');
      await page.goto(gate.url);
      await expect(page.getByTestId('document-viewer')).toContainText('Page 1 of 2', { timeout: LOAD_TIMEOUT });
      await fieldRow(page, '/due_date').click();
      await expect.poll(() => isInsideViewer(page, '/due_date')).toBe(true);
      await page.waitForTimeout(300);
      await screenshot(page, `workbench-${width}`);
    });
  }
});
