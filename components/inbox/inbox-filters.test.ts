import { describe, expect, it } from 'vitest';
import {
  inboxHref,
  inboxSearch,
  narrowedCountFiltersOf,
  parseInboxView,
  queueFiltersOf,
  totalOfView,
  viewOnTab,
} from './inbox-filters';

const parse = (search: string) => parseInboxView(new URLSearchParams(search));

describe('the claim-state and decider filters in the URL', () => {
  it('reads claim=active|expired on the awaiting tab and sends them to the queue and its counts', () => {
    const view = parse('claim=expired');
    expect(view.claim).toBe('expired');
    expect(inboxSearch(view)).toBe('?claim=expired');
    expect(queueFiltersOf(view)).toEqual({ status: 'awaiting_review', claim: 'expired' });
    expect(narrowedCountFiltersOf(view)).toEqual({ claim: 'expired' });
    const counts = { awaiting_review: 4, approved: 0, rejected: 0, mine: 1, unclaimed: 4 };
    expect(totalOfView(view, counts)).toBe(4);
    // Claims belong to awaiting reviews: on a decided tab the param is dropped.
    expect(parse('status=approved&claim=active').claim).toBe('all');
  });

  it('reads decided_by on the decided tabs only, and keeps it from one decided tab to the other', () => {
    const view = parse('status=approved&decided_by=act_dana');
    expect(view.decidedBy).toBe('act_dana');
    expect(inboxHref({ status: 'approved', decidedBy: 'act_dana' })).toBe('/?status=approved&decided_by=act_dana');
    expect(queueFiltersOf(view)).toEqual({ status: 'approved', decided_by: 'act_dana' });
    expect(narrowedCountFiltersOf(view)).toEqual({ decided_by: 'act_dana' });
    expect(inboxSearch(viewOnTab(view, 'rejected'))).toBe('?status=rejected&decided_by=act_dana');
    expect(inboxSearch(viewOnTab(view, 'awaiting_review'))).toBe('');
    expect(parse('decided_by=act_dana').decidedBy).toBeNull();
    expect(parse('status=approved&decided_by=act%20dana').decidedBy).toBeNull();
  });
});
