import type { Actor, AuditEntry, ReviewOverlay } from '@/lib/reviews/schemas';
import { ORIGIN_LABELS } from './review-format';

export type ActivityKind = 'open' | 'claim' | 'version' | 'approved' | 'rejected' | 'reopened';

/** One audit entry as a sentence: "<who> <what>", with an optional quoted note or reason. */
export type ActivityLine = {
  who: string;
  what: string;
  quote: string | null;
  kind: ActivityKind;
};

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function seq(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

function actorName(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  return text((value as Partial<Actor>).display_name);
}

function noteOf(overlay: Pick<ReviewOverlay, 'versions'>, versionSeq: number | null): string | null {
  if (versionSeq === null) return null;
  return overlay.versions.find((version) => version.seq === versionSeq)?.note ?? null;
}

/** Turns the audit trail into readable lines; an event added to the contract later still reads. */
export function describeActivity(entry: AuditEntry, overlay: Pick<ReviewOverlay, 'versions'>): ActivityLine {
  const who = entry.actor.display_name;
  const { detail } = entry;
  switch (entry.event) {
    case 'gate_opened':
      return { who, what: 'opened the review with the model output as v0', quote: null, kind: 'open' };
    case 'claimed':
      return { who, what: 'claimed the review', quote: null, kind: 'claim' };
    case 'claim_renewed':
      return { who, what: 'renewed their claim', quote: null, kind: 'claim' };
    case 'claim_taken_over': {
      const previous = actorName(detail.previous_holder);
      return {
        who,
        what: previous ? `took over the claim from ${previous}` : 'took over the claim',
        quote: null,
        kind: 'claim',
      };
    }
    case 'claim_released': {
      const holder = actorName(detail.holder);
      if (detail.cause === 'decided') {
        return {
          who: holder ?? who,
          what: 'stopped holding the claim when the review was decided',
          quote: null,
          kind: 'claim',
        };
      }
      if (detail.cause === 'released_by_lead' && holder) {
        return { who, what: `released ${holder}’s claim`, quote: null, kind: 'claim' };
      }
      return { who, what: 'released the claim', quote: null, kind: 'claim' };
    }
    case 'version_appended': {
      const n = seq(detail.seq);
      const origin = text(detail.origin);
      const how =
        origin && origin in ORIGIN_LABELS
          ? ` (${ORIGIN_LABELS[origin as keyof typeof ORIGIN_LABELS].toLowerCase()})`
          : '';
      return {
        who,
        what: n === null ? 'saved a new version' : `saved v${n}${how}`,
        quote: noteOf(overlay, n),
        kind: 'version',
      };
    }
    case 'version_reverted': {
      const n = seq(detail.seq);
      const to = seq(detail.to_seq);
      const what =
        to === null ? 'reverted to an earlier version' : `reverted to v${to}${n === null ? '' : ` as v${n}`}`;
      return { who, what, quote: noteOf(overlay, n), kind: 'version' };
    }
    case 'approved': {
      const effective = seq(detail.effective_seq);
      const on = seq(detail.on_seq);
      let what = effective === null ? 'approved the review' : `approved v${effective}`;
      if (effective !== null && on !== null && on !== effective) what += ` (v${on} was the latest)`;
      if (text(detail.supersedes_decision_id)) what += ', replacing the earlier decision';
      return { who, what, quote: text(detail.reason), kind: 'approved' };
    }
    case 'rejected': {
      const on = seq(detail.on_seq);
      let what = on === null ? 'rejected the review' : `rejected v${on}`;
      if (text(detail.supersedes_decision_id)) what += ', replacing the earlier decision';
      return { who, what, quote: text(detail.reason), kind: 'rejected' };
    }
    case 'reopened': {
      const previous = text(detail.previous_status);
      return {
        who,
        what: previous ? `reopened the ${previous} review` : 'reopened the review',
        quote: text(detail.reason),
        kind: 'reopened',
      };
    }
    default:
      return { who, what: String(entry.event).replaceAll('_', ' '), quote: null, kind: 'open' };
  }
}
