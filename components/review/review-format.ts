import type { BadgeTone } from '@/components/ui/badge';
import type { OutputVersion, ReviewOverlay } from '@/lib/reviews/schemas';

export type ReviewStatus = ReviewOverlay['status'];

export const STATUS_LABELS: Record<ReviewStatus, { label: string; tone: BadgeTone }> = {
  awaiting_review: { label: 'Awaiting review', tone: 'warning' },
  approved: { label: 'Approved', tone: 'success' },
  rejected: { label: 'Rejected', tone: 'danger' },
};

export const ORIGIN_LABELS: Record<OutputVersion['origin'], string> = {
  model_output: 'Model output',
  human_edit: 'Human edit',
  agent_edit: 'Agent edit',
  revert: 'Revert',
};

export const RUN_STATUS_LABELS = {
  awaiting_review: 'waiting for review',
  resumed: 'resumed',
  cancelled: 'cancelled',
} as const;

/** Why the workflow stopped for review, from the gate's `triggered_by` predicate. */
export function describeTrigger(trigger: ReviewOverlay['triggered_by']): string {
  const { kind, ...rest } = trigger;
  if (kind === 'always') return 'Every run is reviewed';
  const words = kind.replaceAll('_', ' ');
  const parts = Object.entries(rest).map(
    ([key, value]) => `${key.replaceAll('_', ' ')} ${typeof value === 'string' ? value : JSON.stringify(value)}`,
  );
  return parts.length > 0 ? `${words} (${parts.join(', ')})` : words;
}

export function versionLabel(version: Pick<OutputVersion, 'seq' | 'origin'>): string {
  return `v${version.seq} · ${ORIGIN_LABELS[version.origin]}`;
}

/** The claim as it stands now: one whose time ran out since the overlay was read is no claim. */
export function activeClaimOf(overlay: Pick<ReviewOverlay, 'claim'>, now: number): ReviewOverlay['claim'] {
  const claim = overlay.claim;
  return claim && Date.parse(claim.expires_at) > now ? claim : null;
}

export function headVersionOf(overlay: Pick<ReviewOverlay, 'versions' | 'head_seq'>): OutputVersion | undefined {
  return overlay.versions.find((version) => version.seq === overlay.head_seq) ?? overlay.versions.at(-1);
}

export function versionBySeq(overlay: Pick<ReviewOverlay, 'versions'>, seq: number): OutputVersion | undefined {
  return overlay.versions.find((version) => version.seq === seq);
}
