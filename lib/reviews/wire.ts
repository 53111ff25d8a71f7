/** Database rows → the contract's JSON. */
import { isClaimActive } from '../domain/claims';
import { JsonText } from '../http/json-text';
import { slaDueAt, slaStateAt } from '../insight/sla';
import { type GateContext, type StoredSource, wireSource } from './gate-context';
import type { JsonActor, OverlayColumnsRow } from './overlay-sql';
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

type ClaimColumns = Pick<OverlayColumnsRow, 'claim_holder' | 'claimed_at' | 'claim_expires_at'>;

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

type QueueItemBase = Omit<
  QueueItem,
  'head_version' | 'preview' | 'sla' | 'sources' | 'json_schema' | 'likelihoods' | 'citations'
>;

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

/**
 * A ReviewOverlay as the contract's JSON text, which PostgreSQL builds (overlay-sql.ts): sent
 * as it is, so that an overlay's history is never parsed and serialized again in Node.
 */
export class OverlayJson extends JsonText {
  constructor(
    text: string,
    /** The overlay's `rev`, for the ETag and for callers that chain commands. */
    readonly rev: number,
  ) {
    super(text);
  }

  /** The overlay as an object, for callers that are not answering a request (the seed, tests). */
  parse(): ReviewOverlay {
    return JSON.parse(this.text) as ReviewOverlay;
  }
}

/** Where an awaiting row stands against its SLA at `now`; decided rows have none. */
function wireSla(row: QueueRow, now: Date): QueueItem['sla'] {
  if (row.status !== 'awaiting_review') return null;
  const dueAt = slaDueAt(row.sla_minutes, row.awaiting_since);
  return { state: slaStateAt({ awaitingSince: row.awaiting_since, dueAt, now }), due_at: isoTimestamp(dueAt) };
}

/** The gate context as stored (overlay_context, read as json by GATE_CONTEXT_SQL). */
export interface StoredContext {
  sources: StoredSource[];
  json_schema: Record<string, unknown> | null;
  likelihoods: Record<string, unknown> | null;
  citations: GateContext['citations'];
}

/** What the gate brought besides the output, as the contract shows it on overlays and queue items. */
export function wireGateContext(
  context: StoredContext | null,
): Pick<QueueItem, 'sources' | 'json_schema' | 'likelihoods' | 'citations'> {
  return {
    sources: (context?.sources ?? []).map(wireSource),
    json_schema: context?.json_schema ?? null,
    likelihoods: context?.likelihoods ?? null,
    citations: context?.citations ?? null,
  };
}

export function wireQueueItem(row: QueueRow, now: Date): QueueItem {
  return {
    ...wireBase(row, now),
    ...wireGateContext(row.context),
    preview: row.preview,
    sla: wireSla(row, now),
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
  /** The gate's checked sources, schema, likelihoods and citations; null when it brought none. */
  context: GateContext | null;
  body: OpenGateBody;
  triggeredBy: QueueItem['triggered_by'];
  priority: number;
  now: Date;
}

/**
 * The queue item of a gate about to open, as the `review.opened` event carries it: built before
 * the write, because the event is written by the same statement as the overlay.
 */
export function openedGateQueueItem({
  organizationId,
  context,
  body,
  triggeredBy,
  priority,
  now,
}: OpenedGate): QueueItem {
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
    ...wireGateContext(
      context && {
        sources: context.sources,
        json_schema: context.jsonSchema,
        likelihoods: context.likelihoods,
        citations: context.citations,
      },
    ),
    head_version: {
      seq: 0,
      origin: 'model_output',
      author: { kind: 'model', id: body.model.id, display_name: body.model.display_name },
      created_at: at,
    },
  };
}
