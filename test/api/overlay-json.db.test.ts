/**
 * PostgreSQL writes an overlay's JSON and the app sends that text as it is (lib/reviews/wire.ts,
 * OverlayJson). Every answer carrying an overlay must still be exactly the bytes JSON.stringify
 * writes for the contract's object: no whitespace, keys in the schema's order, timestamps with
 * milliseconds and `Z`, and user text that looks like JSON's own separators left untouched.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { HttpMethod } from '@/lib/http/define-route';
import { ZDecisionResult, ZReviewOverlay } from '@/lib/reviews/schemas';
import { type CallOptions, callRoute } from '../api-client';
import { resetDatabase } from '../db';
import { createTeam, gateBody, type TestTeam } from '../fixtures';
import { ISO_MS, REVIEWS } from '../review-helpers';

let team: TestTeam;

beforeEach(async () => {
  await resetDatabase();
  team = await createTeam('json');
});

/** Text that PostgreSQL's own JSON writers would space out, or escape differently, if they touched it. */
const TRICKY = 'a, b: "c" \\ d\n\t é — 😀 \u2028 {"x": [1, 2]}';

async function sendText(
  method: HttpMethod,
  path: string,
  options: CallOptions,
): Promise<{ status: number; text: string }> {
  const response = await callRoute(method, path, options);
  return { status: response.status, text: await response.text() };
}

/** The text must be what JSON.stringify writes for the schema's object, key for key. */
function expectCanonical(text: string, schema: typeof ZReviewOverlay | typeof ZDecisionResult): any {
  const parsed = JSON.parse(text);
  expect(text).toBe(JSON.stringify(schema.parse(parsed)));
  return parsed;
}

function timestampsOf(overlay: any): unknown[] {
  return [
    overlay.awaiting_since,
    overlay.decided_at,
    overlay.claim?.claimed_at,
    overlay.claim?.expires_at,
    ...overlay.versions.map((version: any) => version.created_at),
    ...overlay.decisions.map((decision: any) => decision.decided_at),
    ...overlay.audit.map((entry: any) => entry.at),
  ].filter((value) => value !== null && value !== undefined);
}

describe('an overlay answered as JSON text built by PostgreSQL', () => {
  it('is byte for byte what JSON.stringify writes, on every route that answers one', async () => {
    const gate = gateBody({
      triggered_by: { kind: 'low_confidence', threshold: 0.8, fields: ['total', 'vendor'], note: TRICKY },
      model_output: { vendor: TRICKY, total: 1e21, tiny: 1.5e-7, nested: { list: [true, null, -0.5] } },
    });
    const path = `${REVIEWS}/${gate.workflow_run_id}/${gate.block_id}`;
    const opened = await sendText('POST', REVIEWS, { key: team.integration.key, body: gate });
    expect(opened.status).toBe(201);
    expectCanonical(opened.text, ZReviewOverlay);

    const steps: [string, Record<string, unknown>, string][] = [
      ['claim', { ttl_seconds: 600 }, team.reviewer.key],
      ['versions', { snapshot: { vendor: TRICKY, total: 2 }, note: TRICKY, command_id: 'edit-1' }, team.reviewer.key],
      ['revert', { to_seq: 0, note: TRICKY }, team.reviewer.key],
      ['decision', { verdict: 'rejected', reason: TRICKY }, team.reviewer.key],
      ['reopen', { reason: TRICKY }, team.lead.key],
      ['decision', { verdict: 'approved', on_seq: 1 }, team.reviewer.key],
    ];
    let rev = 0;
    let last: any = null;
    for (const [action, body, key] of steps) {
      const answer = await sendText('POST', `${path}/${action}`, { key, body: { version_stamp: rev, ...body } });
      expect(answer.status, answer.text).toBe(200);
      const parsed = expectCanonical(answer.text, action === 'decision' ? ZDecisionResult : ZReviewOverlay);
      last = action === 'decision' ? parsed.overlay : parsed;
      rev = last.rev;
    }

    const read = await sendText('GET', path, { key: team.reviewer.key });
    expect(read.status).toBe(200);
    const overlay = expectCanonical(read.text, ZReviewOverlay);
    expect(overlay).toEqual(last);
    expect(overlay.triggered_by.note).toBe(TRICKY);
    expect(overlay.versions.map((version: any) => version.note)).toEqual([null, TRICKY, TRICKY]);
    expect(overlay.versions[0].snapshot).toEqual(gate.model_output);
    expect(overlay.audit.filter((entry: any) => entry.detail.reason === TRICKY)).toHaveLength(2);
    for (const timestamp of timestampsOf(overlay)) expect(timestamp).toMatch(ISO_MS);

    // A replay answers the overlay as it is now, read back rather than written.
    const replay = await sendText('POST', `${path}/versions`, {
      key: team.reviewer.key,
      body: { version_stamp: 1, snapshot: { vendor: TRICKY, total: 2 }, note: TRICKY, command_id: 'edit-1' },
    });
    expect(replay.status).toBe(200);
    expect(replay.text).toBe(read.text);
  });

  it('reports a claim only while it holds', async () => {
    const gate = gateBody();
    const path = `${REVIEWS}/${gate.workflow_run_id}/${gate.block_id}`;
    expect((await sendText('POST', REVIEWS, { key: team.integration.key, body: gate })).status).toBe(201);
    const claimed = await sendText('POST', `${path}/claim`, {
      key: team.reviewer.key,
      body: { version_stamp: 0, ttl_seconds: 30 },
    });
    const claim = expectCanonical(claimed.text, ZReviewOverlay).claim;
    expect(claim.holder.display_name).toBe('Dana Rivera');
    expect(Date.parse(claim.expires_at) - Date.parse(claim.claimed_at)).toBe(30_000);
  });
});
