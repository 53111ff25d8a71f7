import { describe, expect, it } from 'vitest';
import type { QueueItem, QueuePage, ReviewOverlay } from '../reviews/schemas';
import {
  belongsInView,
  compareInQueue,
  keepNewerRows,
  placeInPages,
  type QueuePages,
  queueItemOf,
  rowFactsOf,
} from './queue-pages';

const NOW = Date.parse('2026-05-13T10:00:00.000Z');
const at = (minute: number) => new Date(Date.parse('2026-05-13T09:00:00.000Z') + minute * 60_000).toISOString();
const dana = { kind: 'human' as const, id: 'act_dana', display_name: 'Dana Rivera' };
const sam = { kind: 'human' as const, id: 'act_sam', display_name: 'Sam Okafor' };

function item(id: string, overrides: Partial<QueueItem> = {}): QueueItem {
  return {
    _id: `${id}:extract`,
    organization_id: 'org',
    workflow_id: 'invoices',
    workflow_version_id: 'v1',
    workflow_run_id: id,
    block_id: 'extract',
    block_run_id: `${id}:extract`,
    block_type: 'extract',
    triggered_by: { kind: 'always' },
    status: 'awaiting_review',
    awaiting_since: at(0),
    decided_at: null,
    priority: 0,
    rev: 0,
    version_stamp: 0,
    claim: null,
    head_seq: 0,
    effective_seq: null,
    reviewable_value: null,
    head_version: { seq: 0, origin: 'model_output', author: dana, created_at: at(0) },
    ...overrides,
  } as QueueItem;
}

function pages(...chunks: { items: QueueItem[]; hasMore: boolean }[]): QueuePages {
  return {
    pages: chunks.map(({ items, hasMore }) => ({ data: items, has_more: hasMore, next_cursor: hasMore ? 'c' : null })),
    pageParams: chunks.map((_, index) => (index === 0 ? undefined : `c${index}`)),
  };
}

const ids = (data: QueuePages) => data.pages.map((page: QueuePage) => page.data.map((row) => row.workflow_run_id));

describe('compareInQueue', () => {
  it('orders awaiting items by priority, then age, then id', () => {
    const sorted = [
      item('c', { priority: 1, awaiting_since: at(5) }),
      item('a', { priority: 2, awaiting_since: at(9) }),
      item('d', { priority: 1, awaiting_since: at(1) }),
      item('b', { priority: 1, awaiting_since: at(1) }),
    ].sort(compareInQueue);
    expect(sorted.map((row) => row.workflow_run_id)).toEqual(['a', 'b', 'd', 'c']);
  });

  it('orders decided items newest decision first', () => {
    const sorted = [
      item('old', { status: 'approved', decided_at: at(1) }),
      item('new', { status: 'approved', decided_at: at(9) }),
    ].sort(compareInQueue);
    expect(sorted.map((row) => row.workflow_run_id)).toEqual(['new', 'old']);
  });
});

describe('belongsInView', () => {
  const context = { me: dana, now: NOW };
  const claimedBy = (holder: typeof dana, expiresMinute: number) =>
    item('x', { claim: { holder, claimed_at: at(0), expires_at: at(expiresMinute) } });

  it('applies status, workflow and block type like the server', () => {
    expect(belongsInView(item('x'), {}, context)).toBe(true);
    expect(belongsInView(item('x', { status: 'approved' }), {}, context)).toBe(false);
    expect(belongsInView(item('x', { status: 'approved' }), { status: 'approved' }, context)).toBe(true);
    expect(belongsInView(item('x'), { workflow_id: 'contracts' }, context)).toBe(false);
    expect(belongsInView(item('x'), { block_type: 'split' }, context)).toBe(false);
    expect(belongsInView(item('x', { priority: 2 }), { priority: 2 }, context)).toBe(true);
    expect(belongsInView(item('x', { priority: 2 }), { priority: 0 }, context)).toBe(false);
  });

  it('keeps mine to my unexpired claims and unclaimed to the rest', () => {
    expect(belongsInView(claimedBy(dana, 90), { mine: true }, context)).toBe(true);
    expect(belongsInView(claimedBy(sam, 90), { mine: true }, context)).toBe(false);
    expect(belongsInView(claimedBy(dana, 30), { mine: true }, context)).toBe(false);
    expect(belongsInView(claimedBy(dana, 30), { unclaimed: true }, context)).toBe(true);
    expect(belongsInView(claimedBy(sam, 90), { unclaimed: true }, context)).toBe(false);
  });
});

describe('placeInPages', () => {
  const loaded = () =>
    pages(
      { items: [item('a', { priority: 5 }), item('b', { priority: 4 })], hasMore: true },
      { items: [item('c', { priority: 3 }), item('d', { priority: 1 })], hasMore: true },
    );

  it('updates a row in place when its place does not change', () => {
    const next = placeInPages(loaded(), item('c', { priority: 3, rev: 4 }), true);
    expect(ids(next)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(next.pages[1]?.data[0]?.rev).toBe(4);
  });

  it('takes out a row that left the view', () => {
    expect(ids(placeInPages(loaded(), item('b', { priority: 4 }), false))).toEqual([['a'], ['c', 'd']]);
  });

  it('puts a new row where the order puts it, in whichever loaded page that is', () => {
    expect(ids(placeInPages(loaded(), item('new', { priority: 2 }), true))).toEqual([
      ['a', 'b'],
      ['c', 'new', 'd'],
    ]);
    expect(ids(placeInPages(loaded(), item('top', { priority: 9 }), true))).toEqual([
      ['top', 'a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('leaves a row past the loaded ones to the next page while one follows, and appends it on the last', () => {
    const low = item('low', { priority: 0 });
    expect(ids(placeInPages(loaded(), low, true))).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    const complete = pages({ items: [item('a', { priority: 5 })], hasMore: false });
    expect(ids(placeInPages(complete, low, true))).toEqual([['a', 'low']]);
  });

  it('keeps each page and its cursor, so scrolling on continues where it would have', () => {
    const next = placeInPages(loaded(), item('new', { priority: 2 }), true);
    expect(next.pageParams).toEqual(loaded().pageParams);
    expect(next.pages.map((page) => page.next_cursor)).toEqual(['c', 'c']);
  });
});

describe('keepNewerRows', () => {
  const context = { me: dana, now: NOW };

  it('takes a fresh read as it is when nothing cached is newer', () => {
    const cached = pages({ items: [item('a', { rev: 1 }), item('b', { rev: 1 })], hasMore: false });
    const fresh = pages({ items: [item('b', { rev: 2 }), item('c')], hasMore: false });
    expect(keepNewerRows(cached, fresh, {}, context)).toBe(fresh);
    expect(keepNewerRows(undefined, fresh, {}, context)).toBe(fresh);
  });

  it('keeps a row patched in at a newer rev than a read that set off before, where the order puts it', () => {
    const cached = pages({ items: [item('b', { priority: 9, rev: 3 }), item('a', { priority: 5 })], hasMore: false });
    const fresh = pages({ items: [item('a', { priority: 5 }), item('b', { priority: 1, rev: 2 })], hasMore: false });
    const kept = keepNewerRows(cached, fresh, {}, context);
    expect(ids(kept)).toEqual([['b', 'a']]);
    expect(kept.pages[0]?.data[0]?.rev).toBe(3);
  });
});

describe('queueItemOf', () => {
  it('is the overlay without its history, plus who wrote the head and a preview', () => {
    const { head_version: _head, ...base } = item('x', { head_seq: 1, rev: 2 });
    const context = {
      sources: [{ name: 'a.pdf', mime_type: 'application/pdf', url: '/v1/files/file_1', file_id: 'file_1' }],
      json_schema: { type: 'object' },
      likelihoods: {},
      citations: {},
    };
    const overlay = {
      ...base,
      ...context,
      versions: [
        {
          seq: 0,
          parent_seq: null,
          origin: 'model_output',
          author: dana,
          snapshot: {},
          content_sha256: '',
          note: null,
          created_at: at(0),
        },
        {
          seq: 1,
          parent_seq: 0,
          origin: 'human_edit',
          author: sam,
          snapshot: { lines: [], vendor: 'Acme', total: 1240.5, paid: true, missing: null, currency: 'EUR', note: 'x' },
          content_sha256: '',
          note: null,
          created_at: at(3),
        },
      ],
      decisions: [],
      audit: [],
    } as ReviewOverlay;
    expect(queueItemOf(overlay)).toEqual({
      ...base,
      ...context,
      head_version: { seq: 1, origin: 'human_edit', author: sam, created_at: at(3) },
      preview: [
        { key: 'vendor', value: 'Acme' },
        { key: 'total', value: 1240.5 },
        { key: 'paid', value: true },
        { key: 'currency', value: 'EUR' },
      ],
    });
  });
});

describe('the inbox additions', () => {
  const context = { me: dana, now: NOW };
  // Due 60 minutes after it began waiting: at NOW (60 minutes after at(0)) exactly at its SLA.
  const due = (since: number, minutes: number) => ({ state: null, due_at: at(since + minutes) });

  it('sorts oldest first whatever the priority, when asked to', () => {
    const sorted = [
      item('c', { priority: 9, awaiting_since: at(5) }),
      item('b', { priority: 0, awaiting_since: at(1) }),
      item('a', { priority: 1, awaiting_since: at(1) }),
    ].sort((x, y) => compareInQueue(x, y, 'oldest'));
    expect(sorted.map((row) => row.workflow_run_id)).toEqual(['a', 'b', 'c']);
  });

  it('keeps a claimed_by view to that holder’s unexpired claims', () => {
    const claimedBy = (holder: typeof dana, minutes: number) =>
      item('x', { claim: { holder, claimed_at: at(0), expires_at: at(minutes) } });
    expect(belongsInView(claimedBy(sam, 90), { claimed_by: 'act_sam' }, context)).toBe(true);
    expect(belongsInView(claimedBy(dana, 90), { claimed_by: 'act_sam' }, context)).toBe(false);
    expect(belongsInView(claimedBy(sam, 30), { claimed_by: 'act_sam' }, context)).toBe(false);
  });

  it('keeps an sla view to rows whose due time puts them there now', () => {
    expect(belongsInView(item('x', { sla: due(0, 60) }), { sla: 'at_risk' }, context)).toBe(true);
    expect(belongsInView(item('x', { sla: due(0, 59) }), { sla: 'breached' }, context)).toBe(true);
    expect(belongsInView(item('x', { sla: due(0, 100) }), { sla: 'at_risk' }, context)).toBe(false);
    // A row the server has not measured cannot be placed in an SLA view.
    expect(belongsInView(item('x'), { sla: 'breached' }, context)).toBe(false);
  });

  it('keeps the due time of a row that a change patched in, while it waits at the same priority', () => {
    const loaded = pages({ items: [item('a', { sla: due(0, 60) })], hasMore: false });
    const claimed = item('a', { rev: 1, claim: { holder: dana, claimed_at: at(1), expires_at: at(90) } });
    expect(placeInPages(loaded, claimed, true).pages[0]?.data[0]?.sla).toEqual(due(0, 60));
    const raised = item('a', { rev: 2, priority: 3 });
    expect(placeInPages(loaded, raised, true).pages[0]?.data[0]?.sla).toBeUndefined();
  });
});

describe('the filters the dashboard links to', () => {
  const context = { me: dana, now: NOW };
  const claimUntil = (minute: number) =>
    item('x', { claim: { holder: sam, claimed_at: at(0), expires_at: at(minute) } });
  const approved = item('x', { status: 'approved', decided_at: at(5) });

  it('keeps claim=active to awaiting rows whose claim still holds', () => {
    expect(belongsInView(claimUntil(90), { claim: 'active' }, context)).toBe(true);
    expect(belongsInView(claimUntil(30), { claim: 'active' }, context)).toBe(false);
    expect(belongsInView(item('x'), { claim: 'active' }, context)).toBe(false);
  });

  it('keeps claim=expired to rows whose review says a claim ran out, or rows the view itself listed', () => {
    const expired = { decidedBy: null, claimExpired: true };
    const neverClaimed = { decidedBy: null, claimExpired: false };
    expect(belongsInView(item('x'), { claim: 'expired' }, context, expired)).toBe(true);
    expect(belongsInView(item('x'), { claim: 'expired' }, context, neverClaimed)).toBe(false);
    // A claim that still holds, or a decision, takes the row out whatever the facts.
    expect(belongsInView(claimUntil(90), { claim: 'expired' }, context, expired)).toBe(false);
    expect(belongsInView(claimUntil(90), { claim: 'expired' }, context)).toBe(false);
    expect(belongsInView(item('x'), { claim: 'expired' }, context)).toBe(true);
  });

  it('keeps decided_by to decided rows whose standing decision that actor made', () => {
    const filters = { status: 'approved' as const, decided_by: 'act_dana' };
    expect(belongsInView(approved, filters, context, { decidedBy: 'act_dana', claimExpired: false })).toBe(true);
    expect(belongsInView(approved, filters, context, { decidedBy: 'act_sam', claimExpired: false })).toBe(false);
    expect(belongsInView(approved, filters, context)).toBe(true);
    expect(belongsInView(item('x'), { decided_by: 'act_dana' }, context)).toBe(false);
  });

  it('reads the standing decider and an expired claim from the whole review', () => {
    const entry = (event: string) => ({ event, action: event, actor: sam, at: at(1), detail: {} });
    const review = (overrides: Partial<ReviewOverlay>) =>
      ({ ...item('x'), decisions: [], audit: [], ...overrides }) as ReviewOverlay;
    const decision = (by: typeof dana) => ({ decided_by: by, verdict: 'approved', decided_at: at(2) });
    expect(rowFactsOf(review({ status: 'approved', decisions: [decision(dana), decision(sam)] } as never))).toEqual({
      decidedBy: 'act_sam',
      claimExpired: false,
    });
    // Reopened: awaiting again, with no standing decision.
    expect(rowFactsOf(review({ decisions: [decision(dana)] } as never)).decidedBy).toBeNull();
    expect(rowFactsOf(review({ audit: [entry('claimed'), entry('version_appended')] } as never)).claimExpired).toBe(
      true,
    );
    expect(rowFactsOf(review({ audit: [entry('claimed'), entry('claim_released')] } as never)).claimExpired).toBe(
      false,
    );
    // Decided while the claim had run out, then reopened: the decision ended the claim.
    expect(
      rowFactsOf(review({ audit: [entry('claimed'), entry('approved'), entry('reopened')] } as never)).claimExpired,
    ).toBe(false);
    expect(
      rowFactsOf(
        review({
          audit: [entry('claimed')],
          claim: { holder: sam, claimed_at: at(0), expires_at: at(90) },
        } as never),
      ).claimExpired,
    ).toBe(false);
  });
});
