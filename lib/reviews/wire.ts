/** Database rows → the contract's JSON. */
import { isClaimActive } from '../domain/claims';
import { wireSource } from './gate-context';
import type { JsonActor, OverlayColumnsRow, OverlayRow } from './overlay-sql';
import type { QueueRow } from './queue-sql';
import type { Actor, OpenGateBody, QueueItem, ReviewClaim, ReviewOverlay } from './schemas';

/** Timestamps from json_build_object carry a `+00:00` offset; the contract wants `…Z`. */
export function isoTimestamp(value: Date | string): string {
  return (typeof value === 'string' ? new Date(value) : value).toISOString();
}

function isoOrNull(value: Date | string | null): string | null {
  return value === null ? null : isoTimestamp(value);
}

function wireActor(actor: JsonActor): Actor {
  return { kind: actor.kind, id: actor.id, display_name: actor.display_name };
}

type ClaimColumns = Pick<OverlayRow, 'claim_holder' | 'claimed_at' | 'claim_expires_at'>;

/** An expired claim is reported as no claim. */
function wireClaim(row: ClaimColumns, now: Date): ReviewClaim | null {
  if (!row.claim_holder || !row.claimed_at || !row.claim_expires_at) return null;
  if (!isClaimActive(row.claim_expires_at, now)) return null;
  return {
    holder: wireActor(row.claim_holder),
    claimed_at: isoTimestamp(row.claimed_at),
    expires_at: isoTimestamp(row.claim_expires_at),
  };
}

type QueueItemBase = Omit<QueueItem, 'head_version'>;

function wireBase(row: OverlayColumnsRow, now: Date): QueueItemBase {
  return {
    _id: row.block_run_id,
    organization_id: row.organization_id,
    workflow_id: row.workflow_id,
    workflow_version_id: row.workflow_version_id,
    workflow_run_id: row.workflow_run_id,
    block_id: row.block_id,
    block_run_id: row.block_run_id,
    block_type: row.block_type,
    triggered_by: row.triggered_by,
    status: row.status,
    awaiting_since: isoTimestamp(row.awaiting_since),
    decided_at: isoOrNull(row.decided_at),
    priority: row.priority,
    rev: row.rev,
    version_stamp: row.rev,
    claim: wireClaim(row, now),
    head_seq: row.head_seq,
    effective_seq: row.effective_seq,
    reviewable_value: null,
  };
}

export function wireOverlay(row: OverlayRow, now: Date): ReviewOverlay {
  return {
    ...wireBase(row, now),
    sources: (row.context?.sources ?? []).map(wireSource),
    json_schema: row.context?.json_schema ?? null,
    likelihoods: row.context?.likelihoods ?? null,
    citations: row.context?.citations ?? null,
    versions: row.versions.map((version) => ({
      seq: version.seq,
      parent_seq: version.parent_seq,
      origin: version.origin,
      author: wireActor(version.author),
      snapshot: version.snapshot,
      content_sha256: version.content_sha256,
      note: version.note,
      created_at: isoTimestamp(version.created_at),
    })),
    decisions: row.decisions.map((decision) => ({
      decision_id: decision.decision_id,
      verdict: decision.verdict,
      decided_by: wireActor(decision.decided_by),
      decided_at: isoTimestamp(decision.decided_at),
      on_seq: decision.on_seq,
      effective_seq: decision.effective_seq,
      reason: decision.reason,
      supersedes_decision_id: decision.supersedes_decision_id,
    })),
    audit: row.audit.map((entry) => ({
      entry_id: entry.entry_id,
      event: entry.event,
      action: entry.event,
      actor: wireActor(entry.actor),
      at: isoTimestamp(entry.at),
      rev_observed: entry.rev_observed,
      rev_result: entry.rev_result,
      detail: entry.detail,
    })),
  };
}

export function wireQueueItem(row: QueueRow, now: Date): QueueItem {
  return {
    ...wireBase(row, now),
    head_version: {
      seq: row.head_seq,
      origin: row.head_origin,
      author: wireActor(row.head_author),
      created_at: isoTimestamp(row.head_created_at),
    },
  };
}

export interface OpenedGate {
  organizationId: string;
  body: OpenGateBody;
  triggeredBy: QueueItem['triggered_by'];
  priority: number;
  now: Date;
}

/**
 * The queue item of a gate about to open, as the `review.opened` event carries it: built before
 * the write, because the event is written by the same statement as the overlay.
 */
export function openedGateQueueItem({ organizationId, body, triggeredBy, priority, now }: OpenedGate): QueueItem {
  const blockRunId = `${body.workflow_run_id}:${body.block_id}`;
  const at = isoTimestamp(now);
  return {
    _id: blockRunId,
    organization_id: organizationId,
    workflow_id: body.workflow_id,
    workflow_version_id: body.workflow_version_id,
    workflow_run_id: body.workflow_run_id,
    block_id: body.block_id,
    block_run_id: blockRunId,
    block_type: body.block_type,
    triggered_by: triggeredBy,
    status: 'awaiting_review',
    awaiting_since: at,
    decided_at: null,
    priority,
    rev: 0,
    version_stamp: 0,
    claim: null,
    head_seq: 0,
    effective_seq: null,
    reviewable_value: null,
    head_version: {
      seq: 0,
      origin: 'model_output',
      author: { kind: 'model', id: body.model.id, display_name: body.model.display_name },
      created_at: at,
    },
  };
}
