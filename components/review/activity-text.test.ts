import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@/lib/reviews/schemas';
import { describeActivity } from './activity-text';

const dana = { kind: 'human' as const, id: 'act_dana', display_name: 'Dana Rivera' };
const sam = { kind: 'human' as const, id: 'act_sam', display_name: 'Sam Okafor' };
const morgan = { kind: 'human' as const, id: 'act_morgan', display_name: 'Morgan Lee' };

function entry(event: AuditEntry['event'], detail: Record<string, unknown>, actor = dana): AuditEntry {
  return {
    entry_id: 'aud_1',
    event,
    action: event,
    actor,
    at: '2026-05-13T09:02:51.118Z',
    rev_observed: 1,
    rev_result: 2,
    detail,
  };
}

const overlay = {
  versions: [
    { seq: 3, note: 'Net 45 per the footer.' },
    { seq: 4, note: null },
  ],
} as never;

describe('describeActivity', () => {
  it('names the version a save or a revert made, with its note', () => {
    expect(
      describeActivity(entry('version_appended', { seq: 3, parent_seq: 2, origin: 'human_edit' }), overlay),
    ).toEqual({
      who: 'Dana Rivera',
      what: 'saved v3 (human edit)',
      quote: 'Net 45 per the footer.',
      kind: 'version',
    });
    expect(describeActivity(entry('version_reverted', { seq: 4, to_seq: 0, previous_head_seq: 3 }), overlay).what).toBe(
      'reverted to v0 as v4',
    );
  });

  it('says which version an approval ships and quotes reasons', () => {
    expect(describeActivity(entry('approved', { on_seq: 3, effective_seq: 3, reason: null }), overlay).what).toBe(
      'approved v3',
    );
    expect(describeActivity(entry('approved', { on_seq: 3, effective_seq: 1 }), overlay).what).toBe(
      'approved v1 (v3 was the latest)',
    );
    expect(describeActivity(entry('rejected', { on_seq: 2, reason: 'Not an invoice' }), overlay)).toMatchObject({
      what: 'rejected v2',
      quote: 'Not an invoice',
      kind: 'rejected',
    });
    expect(
      describeActivity(
        entry('reopened', { reason: 'Vendor disputes it', previous_status: 'approved' }, morgan),
        overlay,
      ),
    ).toMatchObject({ who: 'Morgan Lee', what: 'reopened the approved review', quote: 'Vendor disputes it' });
  });

  it('tells claim events apart by their cause', () => {
    expect(describeActivity(entry('claim_taken_over', { previous_holder: sam }, morgan), overlay).what).toBe(
      'took over the claim from Sam Okafor',
    );
    expect(
      describeActivity(entry('claim_released', { holder: sam, cause: 'released_by_lead' }, morgan), overlay).what,
    ).toBe('released Sam Okafor’s claim');
    expect(describeActivity(entry('claim_released', { holder: sam, cause: 'decided' }), overlay)).toMatchObject({
      who: 'Sam Okafor',
      kind: 'claim',
    });
  });

  it('still reads with a detail it does not expect', () => {
    expect(describeActivity(entry('version_appended', {}), overlay).what).toBe('saved a new version');
    expect(describeActivity(entry('approved', { effective_seq: 'x' }), overlay).what).toBe('approved the review');
  });
});
