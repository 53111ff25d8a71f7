/**
 * Builders and assertions shared by the review API tests. Every call goes through `send`, which
 * also checks the one header every response must carry, so no test can forget it.
 */
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { expect } from 'vitest';
import { prisma } from '@/lib/db/prisma';
import { type ApiResponse, api } from './api-client';
import { gateBody, type TestActor, type TestTeam } from './fixtures';

export const REVIEWS = '/v1/workflows/reviews';

/** Uploads a blank PDF of `pages` pages as `invoice.pdf`; its file id. */
export async function uploadPdf(key: string, pages = 1): Promise<string> {
  const document = await PDFDocument.create();
  for (let page = 0; page < pages; page++) document.addPage();
  const uploaded = await api('POST', '/v1/files?name=invoice.pdf', {
    key,
    rawBody: new Uint8Array(await document.save()),
    headers: { 'content-type': 'application/pdf' },
  });
  expect(uploaded.status).toBe(201);
  return uploaded.body.file_id;
}
export const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export type Action = 'versions' | 'decision' | 'claim' | 'release' | 'revert' | 'reopen';

/** `api` plus the contract's promise that every response, error or not, carries `x-request-id`. */
export async function send(
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  options: Parameters<typeof api>[2] = {},
): Promise<ApiResponse> {
  const response = await api(method, path, options);
  expect(response.headers.get('x-request-id'), `${method} ${path} has no x-request-id`).toBeTruthy();
  return response;
}

/** Hex SHA-256 of canonical JSON (keys sorted at every depth, no whitespace), written independently of lib/. */
export function canonicalSha256(value: unknown): string {
  const canonical = (v: unknown): string => {
    if (v === null || typeof v !== 'object') return JSON.stringify(v);
    if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  };
  return createHash('sha256').update(canonical(value)).digest('hex');
}

/** The contract's Actor object for a test actor. */
export function actorOf(actor: TestActor) {
  return { kind: actor.kind, id: actor.id, display_name: actor.display_name };
}

/** Asserts the error envelope `{ detail: { code, message, details } }` and returns `details`. */
export function expectError(response: ApiResponse, status: number, code: string): any {
  expect({ status: response.status, code: response.body?.detail?.code }).toEqual({ status, code });
  expect(typeof response.body.detail.message).toBe('string');
  expect(response.body.detail).toHaveProperty('details');
  return response.body.detail.details;
}

/** A 422 whose `details.issues` names `path`. */
export function expectValidationIssue(response: ApiResponse, path: (string | number)[]): void {
  const details = expectError(response, 422, 'validation_error');
  expect(details.issues.map((issue: { path: unknown }) => issue.path)).toContainEqual(path);
  for (const issue of details.issues) expect(typeof issue.message).toBe('string');
}

/**
 * Audit entries grouped by call: every call's entries share one rev_observed/rev_result, and each
 * call's rev_observed is the previous call's rev_result (gate_opened is 0 → 0).
 */
export function expectContiguousAudit(overlay: any): void {
  const calls = new Map<number, any[]>();
  for (const entry of overlay.audit) calls.set(entry.rev_result, [...(calls.get(entry.rev_result) ?? []), entry]);
  const revResults = [...calls.keys()];
  expect(revResults).toEqual(Array.from({ length: overlay.rev + 1 }, (_, i) => i));
  for (const [revResult, entries] of calls) {
    const expectedObserved = revResult === 0 ? 0 : revResult - 1;
    for (const entry of entries) expect(entry.rev_observed).toBe(expectedObserved);
  }
  expect(overlay.audit[0].event).toBe('gate_opened');
}

/** One opened gate and the calls a test makes on it. */
export class Review {
  readonly path: string;

  constructor(
    readonly team: TestTeam,
    readonly gate: ReturnType<typeof gateBody>,
    /** The overlay as the gate opening answered it. */
    readonly opened: any,
  ) {
    this.path = `${REVIEWS}/${gate.workflow_run_id}/${gate.block_id}`;
  }

  get runId(): string {
    return this.gate.workflow_run_id;
  }

  async get(actor: TestActor = this.team.reviewer): Promise<ApiResponse> {
    return send('GET', this.path, { key: actor.key });
  }

  /** The overlay as it is now (asserting the read succeeds). */
  async read(actor: TestActor = this.team.reviewer): Promise<any> {
    const response = await this.get(actor);
    expect(response.status).toBe(200);
    return response.body;
  }

  /** POSTs `body` as is: the test chooses the stamp. */
  async post(action: Action, actor: TestActor, body: Record<string, unknown>): Promise<ApiResponse> {
    return send('POST', `${this.path}/${action}`, { key: actor.key, body });
  }

  /** POSTs `body` with the current `rev` as `version_stamp`, unless the body brings its own. */
  async act(action: Action, actor: TestActor, body: Record<string, unknown> = {}): Promise<ApiResponse> {
    const stamp = 'version_stamp' in body ? {} : { version_stamp: (await this.read()).rev };
    return this.post(action, actor, { ...stamp, ...body });
  }

  /** Like `act`, asserting 200; answers the overlay (unwrapped from a decision result). */
  async ok(action: Action, actor: TestActor, body: Record<string, unknown> = {}): Promise<any> {
    const response = await this.act(action, actor, body);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return action === 'decision' ? response.body.overlay : response.body;
  }

  /** Sets columns the API cannot set (awaiting_since, decided_at, claim expiry) straight in the database. */
  async patchRow(data: { awaitingSince?: Date; decidedAt?: Date; claimExpiresAt?: Date; claimedAt?: Date }) {
    await prisma.overlay.update({
      where: {
        organizationId_workflowRunId_blockId: {
          organizationId: this.team.organizationId,
          workflowRunId: this.gate.workflow_run_id,
          blockId: this.gate.block_id,
        },
      },
      data,
    });
  }

  /** Moves an unexpired claim into the past, so that it reads as no claim. */
  async expireClaim(): Promise<void> {
    await this.patchRow({ claimedAt: new Date(Date.now() - 60_000), claimExpiresAt: new Date(Date.now() - 1_000) });
  }
}

/** Opens a gate with `gateBody(overrides)` (asserting 201) and returns its handle. */
export async function openReview(team: TestTeam, overrides: Record<string, unknown> = {}): Promise<Review> {
  const gate = gateBody(overrides);
  const response = await send('POST', REVIEWS, { key: team.integration.key, body: gate });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return new Review(team, gate, response.body);
}

export async function getRun(team: TestTeam, runId: string): Promise<ApiResponse> {
  return send('GET', `/v1/workflows/runs/${runId}`, { key: team.integration.key });
}

export async function queue(
  actor: TestActor,
  query: Record<string, string | number | boolean> = {},
): Promise<ApiResponse> {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  const suffix = params.size > 0 ? `?${params}` : '';
  return send('GET', `${REVIEWS}${suffix}`, { key: actor.key });
}
