/**
 * A queue page is JSON text that PostgreSQL and the app write together (lib/reviews/wire.ts,
 * QueuePageJson), never an object stringified. It must still be exactly the bytes JSON.stringify
 * writes for the contract's page, where a queue item is the item's ReviewOverlay without its
 * history, plus `preview`, `sla` and `head_version`: checked here against the overlay route's
 * own answer for items with claims live and expired, SLA markers of every state, sources of both
 * kinds, a schema, likelihoods, citations, decisions, and user text and numbers that a JSON
 * writer other than JSON.stringify would write differently.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { slaDueAt, slaStateAt } from '@/lib/insight/sla';
import { previewOf } from '@/lib/reviews/preview';
import { ZQueueQuery } from '@/lib/reviews/schemas';
import { listQueue } from '@/lib/reviews/service';
import { callRoute } from '../api-client';
import { resetDatabase } from '../db';
import { callerOf, createTeam, type TestTeam } from '../fixtures';
import { openReview, type Review, send, uploadPdf } from '../review-helpers';

let team: TestTeam;
let pdfId: string;

beforeEach(async () => {
  await resetDatabase();
  team = await createTeam('json');
  pdfId = await uploadPdf(team.integration.key);
});

/** Text that PostgreSQL's own JSON writers would space out, or escape differently, if they touched it. */
const TRICKY = 'a, b: "c" \\ d\n\t é — 😀 \u2028 {"x": [1, 2]}';
const SLA_MINUTES = { default: 60, by_priority: { '3': 30 } };

/** A gate that brings everything a queue item can show, with values that are easy to write wrongly. */
function richGate(name: string, priority: number) {
  return {
    workflow_run_id: name,
    priority,
    triggered_by: { kind: 'low_confidence', threshold: 0.8, fields: ['total'], note: TRICKY, big: 1e21 },
    model_output: {
      [`${TRICKY} key that is longer than forty characters`]: `${TRICKY} `.repeat(8),
      total: 1200.5,
      tiny: 1.5e-7,
      approved: false,
      nested: { list: [true, null, -0.5] },
      vendor: 'Acme GmbH',
    },
    sources: [
      { name: 'invoice.pdf', mime_type: 'application/pdf', file_id: pdfId },
      { name: TRICKY, mime_type: 'image/png', url: 'https://files.example.com/scan.png?a=1&b="2"' },
    ],
    json_schema: {
      type: 'object',
      properties: { total: { type: 'number', minimum: 0, title: TRICKY }, tiny: { type: 'number' } },
      required: ['total'],
    },
    likelihoods: { total: 0.42, tiny: 1e-7, nested: { list: [0.5] } },
    citations: { '/total': [{ source: 0, page: 1, bbox: [0.1, 0.05, 0.4, 0.08], text: TRICKY }] },
  };
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

/** What a queue item must be: the overlay the overlay route answers, without history, plus the queue's extensions. */
async function expectedItem(review: Review, now: Date) {
  const { versions, decisions: _decisions, audit: _audit, ...overlay } = await review.read();
  const head = versions.at(-1);
  let sla = null;
  if (overlay.status === 'awaiting_review') {
    const minutes = overlay.priority === 3 ? 30 : 60;
    const awaitingSince = new Date(overlay.awaiting_since);
    const dueAt = slaDueAt(minutes, awaitingSince);
    sla = { state: slaStateAt({ awaitingSince, dueAt, now }), due_at: dueAt.toISOString() };
  }
  return {
    ...overlay,
    preview: previewOf(head.snapshot),
    sla,
    head_version: { seq: head.seq, origin: head.origin, author: head.author, created_at: head.created_at },
  };
}

/** Every page of `query`, through the route, as text. */
async function pagesOf(query: Record<string, string>): Promise<string[]> {
  const pages: string[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ ...query, ...(cursor ? { cursor } : {}) });
    const response = await callRoute('GET', `/v1/workflows/reviews?${params}`, { key: team.reviewer.key });
    expect(response.status).toBe(200);
    const text = await response.text();
    pages.push(text);
    cursor = JSON.parse(text).next_cursor;
  } while (cursor);
  return pages;
}

describe('a queue page answered as JSON text', () => {
  it('is byte for byte the items’ overlays without history, plus preview, sla and head version', async () => {
    expect(
      (await send('PATCH', '/v1/organization/settings', { key: team.admin.key, body: { sla_minutes: SLA_MINUTES } }))
        .status,
    ).toBe(200);
    const onTime = await openReview(team, richGate('on-time', 3));
    const atRisk = await openReview(team, richGate('at-risk', 1));
    const breached = await openReview(team, richGate('breached', 3));
    const plain = await openReview(team, { workflow_run_id: 'plain', priority: 2 });
    const claimed = await openReview(team, richGate('claimed', 2));
    const expired = await openReview(team, richGate('expired', 0));
    const approved = await openReview(team, richGate('approved', 1));
    await onTime.patchRow({ awaitingSince: minutesAgo(5) });
    await atRisk.patchRow({ awaitingSince: minutesAgo(55) });
    await breached.patchRow({ awaitingSince: minutesAgo(300) });
    await claimed.ok('claim', team.reviewer, { ttl_seconds: 600 });
    await claimed.ok('versions', team.reviewer, { snapshot: { note: TRICKY, total: 3, tiny: 1e-7 } });
    await expired.ok('claim', team.reviewer2, { ttl_seconds: 600 });
    await expired.expireClaim();
    await approved.ok('decision', team.reviewer, { verdict: 'approved' });

    const awaitingPages = await pagesOf({ limit: '2' });
    const approvedPages = await pagesOf({ status: 'approved' });
    const now = new Date();
    expect(awaitingPages).toHaveLength(3);

    const items = new Map<string, unknown>();
    for (const review of [onTime, atRisk, breached, plain, claimed, expired, approved]) {
      items.set(review.runId, await expectedItem(review, now));
    }
    for (const text of [...awaitingPages, ...approvedPages]) {
      const page = JSON.parse(text);
      const expected = {
        data: page.data.map((item: { workflow_run_id: string }) => items.get(item.workflow_run_id)),
        has_more: page.has_more,
        next_cursor: page.next_cursor,
      };
      expect(text).toBe(JSON.stringify(expected));
    }
    const order = [...awaitingPages, ...approvedPages].flatMap((text) =>
      JSON.parse(text).data.map((item: { workflow_run_id: string; sla: unknown }) => [item.workflow_run_id, item.sla]),
    );
    expect(order.map(([runId]: [string]) => runId)).toEqual([
      'breached',
      'on-time',
      'plain',
      'claimed',
      'at-risk',
      'expired',
      'approved',
    ]);
    const states = Object.fromEntries(order.map(([runId, sla]: [string, { state: string } | null]) => [runId, sla]));
    expect([states['on-time']?.state, states['at-risk']?.state, states.breached?.state, states.approved]).toEqual([
      null,
      'at_risk',
      'breached',
      null,
    ]);
  });

  it('is the same text from the service as from the route', async () => {
    await openReview(team, richGate('first', 1));
    await openReview(team, richGate('second', 2));
    const [routed] = await pagesOf({});
    const now = new Date();
    const served = await listQueue(callerOf(team.reviewer), ZQueueQuery.parse({}), () => now);
    expect(served.text).toBe(routed);
    expect(served.parse().data.map((item) => item.workflow_run_id)).toEqual(['second', 'first']);
  });
});
