import { describe, expect, it } from 'vitest';
import { ApiClientError } from '@/lib/client/api-client';
import type { AuditEntry, ReviewOverlay } from '@/lib/reviews/schemas';
import { refusalMessage, serverChangeOf } from './refusal-message';

const NOW = Date.parse('2026-05-12T10:00:00Z');
const dana = { kind: 'human', id: 'u_dana', display_name: 'Dana Rivera' } as const;

const claimedByDana: AuditEntry = {
  entry_id: 'a1',
  event: 'claimed',
  action: 'claimed',
  actor: dana,
  at: '2026-05-12T09:48:00Z',
  rev_observed: 0,
  rev_result: 1,
  detail: {},
};

const awaiting: Pick<ReviewOverlay, 'audit' | 'decisions' | 'status'> = {
  audit: [claimedByDana],
  decisions: [],
  status: 'awaiting_review',
};

function apiError(code: ApiClientError['code'], status: number, details: Record<string, unknown> | null = null) {
  return new ApiClientError({ status, code, message: `server says ${code}`, details, requestId: 'req-7' });
}

describe('serverChangeOf', () => {
  it('names the change the conflict answer reports', () => {
    const error = apiError('version_conflict', 409, {
      last_change: { event: 'version_appended', at: '2026-05-12T09:59:00Z', actor: { display_name: 'Sam Okafor' } },
    });
    expect(serverChangeOf(error, awaiting, NOW)).toEqual({
      event: 'version_appended',
      at: '2026-05-12T09:59:00Z',
      actorName: 'Sam Okafor',
    });
  });

  it('falls back to the newest audit entry, then to an anonymous change now', () => {
    const error = apiError('version_conflict', 409);
    expect(serverChangeOf(error, awaiting, NOW)).toEqual({
      event: 'claimed',
      at: '2026-05-12T09:48:00Z',
      actorName: 'Dana Rivera',
    });
    expect(serverChangeOf(error, { audit: [] }, NOW)).toEqual({
      event: 'changed',
      at: '2026-05-12T10:00:00.000Z',
      actorName: 'Someone',
    });
  });
});

describe('refusalMessage', () => {
  const tell = (error: Error, overlay = awaiting) => refusalMessage({ error, attempted: 'approve', overlay, now: NOW });

  it('tells who moved the review on for a version conflict', () => {
    expect(tell(apiError('version_conflict', 409))).toEqual({
      tone: 'warning',
      title: 'The review changed before you could approve',
      body: 'Dana Rivera claimed the review 12 min ago. Nothing was done — the page now shows the latest state; check it and try again.',
    });
  });

  it('tells who decided a review that is no longer awaiting', () => {
    const decided = {
      ...awaiting,
      status: 'rejected' as const,
      decisions: [
        {
          decision_id: 'd1',
          verdict: 'rejected' as const,
          decided_by: dana,
          decided_at: '2026-05-12T07:00:00Z',
          on_seq: 0,
          effective_seq: null,
          reason: 'duplicate',
          supersedes_decision_id: null,
        },
      ],
    };
    expect(tell(apiError('not_awaiting_review', 409), decided)).toEqual({
      tone: 'warning',
      title: 'Already decided — could not approve',
      body: 'Dana Rivera rejected this review 3 hr ago.',
    });
    expect(tell(apiError('not_awaiting_review', 409), { ...decided, decisions: [] }).body).toBe(
      'The review is rejected.',
    );
  });

  it('names the claim holder and how long the claim runs', () => {
    const notice = tell(apiError('claim_held', 409, { holder: dana, expires_at: '2026-05-12T10:15:00Z' }));
    expect(notice.title).toBe('Dana Rivera holds the claim');
    expect(notice.body).toMatch(/^Their claim runs until .+ \(15 min from now\)\. You can still edit or decide/);
    expect(tell(apiError('claim_held', 409)).body).toBe(
      'You can still edit or decide: the claim only tells others who is on it.',
    );
  });

  it('passes on the server message of a forbidden or invalid command', () => {
    expect(tell(apiError('forbidden', 403))).toEqual({
      tone: 'danger',
      title: 'You may not approve',
      body: 'server says forbidden',
    });
    expect(tell(apiError('validation_error', 422))).toEqual({
      tone: 'danger',
      title: 'Could not approve',
      body: 'server says validation_error',
    });
  });

  it('quotes the request id of any other answer, and says nothing was lost', () => {
    expect(tell(apiError('unavailable', 503)).body).toBe(
      'server says unavailable (request req-7). Nothing was lost; try again in a moment.',
    );
    expect(tell(new Error('boom'))).toEqual({
      tone: 'danger',
      title: 'Could not approve',
      body: 'boom Nothing was lost.',
    });
  });
});
