/**
 * Shared steps of the browser tests: signing in as a demo person, opening fresh review gates
 * through the API (so a test never depends on seeded data other tests may have changed) and
 * saving screenshots to look at.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';

export const DEMO_PASSWORD = 'review-inbox-demo';

export const PEOPLE = {
  dana: { email: 'dana@demo.reviewinbox.dev', name: 'Dana Rivera' },
  sam: { email: 'sam@demo.reviewinbox.dev', name: 'Sam Okafor' },
  priya: { email: 'priya@demo.reviewinbox.dev', name: 'Priya Natarajan' },
  morgan: { email: 'morgan@demo.reviewinbox.dev', name: 'Morgan Lee' },
  alex: { email: 'alex@demo.reviewinbox.dev', name: 'Alex Kim' },
} as const;

export type Person = keyof typeof PEOPLE;

/** API keys the seed publishes for the demo organization. */
export const KEYS = {
  integration: 'rik_demo_integration',
  lead: 'rik_demo_lead',
} as const;

const SCREENSHOT_DIR = fileURLToPath(new URL('./screenshots/', import.meta.url));

function baseUrl(): string {
  const url = test.info().project.use.baseURL;
  if (!url) throw new Error('playwright.config.ts sets no baseURL');
  return url;
}

/** A short id no other test run has used: gates opened with it start out fresh. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Signs `person` in through the API; the browser context keeps the session cookie, so the next
 * page load is signed in. (The sign-in form itself has its own tests.)
 */
export async function signIn(page: Page, person: Person): Promise<void> {
  const response = await page.request.post('/v1/auth/sign-in', {
    data: { email: PEOPLE[person].email, password: DEMO_PASSWORD },
    headers: { origin: baseUrl() },
  });
  expect(response.status(), await response.text()).toBe(200);
}

export interface OpenedGate {
  workflowId: string;
  runId: string;
  blockId: string;
  blockRunId: string;
  rev: number;
}

/** Opens a review gate as the workflow engine would, on a run of its own. */
export async function openGate(
  request: APIRequestContext,
  {
    workflowId,
    blockId = 'extract_invoice',
    priority = 0,
  }: { workflowId: string; blockId?: string; priority?: number },
): Promise<OpenedGate> {
  const runId = uniqueId('run');
  const response = await request.post('/v1/workflows/reviews', {
    headers: { 'api-key': KEYS.integration },
    data: {
      workflow_id: workflowId,
      workflow_version_id: 'wfv_e2e_1',
      workflow_run_id: runId,
      block_id: blockId,
      block_type: 'extract',
      model_output: { document_type: 'invoice', vendor: { name: 'Northwind Traders GmbH' }, total: 1234.5 },
      model: { id: 'e2e-model', display_name: 'E2E Model' },
      priority,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const overlay = (await response.json()) as { block_run_id: string; rev: number };
  return { workflowId, runId, blockId, blockRunId: overlay.block_run_id, rev: overlay.rev };
}

/** Claims a review with an API key (the lead's by default), as somebody else working in parallel. */
export async function claimWithKey(request: APIRequestContext, gate: OpenedGate, key: string = KEYS.lead) {
  const current = await request.get(`/v1/workflows/reviews/${gate.runId}/${gate.blockId}`, {
    headers: { 'api-key': key },
  });
  expect(current.status()).toBe(200);
  const { rev } = (await current.json()) as { rev: number };
  const response = await request.post(`/v1/workflows/reviews/${gate.runId}/${gate.blockId}/claim`, {
    headers: { 'api-key': key },
    data: { version_stamp: rev },
  });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as { rev: number };
}

/** Saves what the page looks like to e2e/screenshots/<name>.png, for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}
