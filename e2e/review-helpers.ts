/**
 * Steps of the review page tests: a fresh gate with a realistic invoice (or any output), API
 * calls by other actors working at the same time, and locators for the page's landmarks.
 */
import { type APIRequestContext, expect, type Page } from '@playwright/test';
import { KEYS, uniqueId } from './helpers';

/** Dana Rivera's API key in the demo organization (see prisma/seed/demo-actors.ts). */
export const REVIEWER_KEY = 'rik_demo_reviewer';

export const INVOICE = {
  document_type: 'invoice',
  vendor: { name: 'Northwind Traders GmbH', tax_id: 'DE293847561' },
  invoice_number: 'NO-2026-48213',
  invoice_date: '2026-05-02',
  due_date: '2026-06-01',
  currency: 'EUR',
  po_number: null,
  line_items: [{ description: 'Toner cartridge HP 59X', quantity: 2, unit_price: 131.4, amount: 262.8 }],
  subtotal: 262.8,
  tax_rate: 0.19,
  tax: 49.93,
  total: 312.73,
};

export type Json = Record<string, unknown>;

export interface ReviewGate {
  runId: string;
  blockId: string;
  url: string;
}

/** Opens a gate on a run of its own, so that no test sees another one's changes. */
export async function openReviewGate(
  request: APIRequestContext,
  {
    modelOutput = INVOICE as Json,
    priority = 3,
    extras = {},
  }: {
    modelOutput?: Json;
    priority?: number;
    /** Optional fields of the opening: `sources`, `json_schema`, `likelihoods`, `citations`. */
    extras?: Json;
  } = {},
): Promise<ReviewGate> {
  const runId = uniqueId('run-review');
  const blockId = 'extract_invoice';
  const response = await request.post('/v1/workflows/reviews', {
    headers: { 'api-key': KEYS.integration },
    data: {
      workflow_id: 'wf-e2e-review',
      workflow_version_id: 'wfv_e2e_7',
      workflow_run_id: runId,
      block_id: blockId,
      block_type: 'extract',
      model_output: modelOutput,
      model: { id: 'gpt-e2e', display_name: 'Invoice Extractor' },
      priority,
      triggered_by: { kind: 'field_confidence_below', field: 'total', threshold: 0.9 },
      ...extras,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return { runId, blockId, url: `/reviews/${runId}/${blockId}` };
}

export interface Overlay {
  rev: number;
  status: string;
  head_seq: number;
  effective_seq: number | null;
  versions: { seq: number; origin: string; snapshot: Json; note: string | null }[];
}

export async function readOverlay(request: APIRequestContext, gate: ReviewGate, key = REVIEWER_KEY): Promise<Overlay> {
  const response = await request.get(`/v1/workflows/reviews/${gate.runId}/${gate.blockId}`, {
    headers: { 'api-key': key },
  });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as Overlay;
}

/** Runs one command as the holder of `key`, at the current stamp. */
export async function command(
  request: APIRequestContext,
  gate: ReviewGate,
  action: 'versions' | 'decision' | 'claim' | 'release' | 'revert' | 'reopen',
  body: Json,
  key = REVIEWER_KEY,
): Promise<Json> {
  const { rev } = await readOverlay(request, gate, key);
  const response = await request.post(`/v1/workflows/reviews/${gate.runId}/${gate.blockId}/${action}`, {
    headers: { 'api-key': key },
    data: { ...body, version_stamp: rev },
  });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as Json;
}

export const head = (overlay: Overlay) => overlay.versions.find((version) => version.seq === overlay.head_seq)!;

/** Page parts, by their accessible names. */
export const reviewPage = (page: Page) => ({
  status: page.locator('header dl'),
  versions: page.getByRole('complementary', { name: 'Version history' }),
  version: (seq: number) => page.getByTestId(`version-${seq}`),
  compare: page.getByTestId('compare-card'),
  /** The fields table is the default view; the raw side-by-side diff is one click away. */
  showDiff: () => page.getByRole('button', { name: 'JSON diff' }).click(),
  activity: page.getByTestId('activity'),
  editor: page.getByRole('region', { name: /^Editing/ }),
  field: (path: string) => page.getByTestId('edit-form').getByLabel(path, { exact: true }),
  notice: page.getByTestId('review-notice'),
  dialog: page.getByRole('dialog'),
});
