/** Database rows → the contract's JSON. */
import { JsonText } from '../http/json-text';
import { slaDueAt, slaStateAt } from '../insight/sla';
import { type GateContext, type StoredSource, wireSource } from './gate-context';
import type { QueueRow } from './queue-sql';
import type { OpenGateBody, QueueItem, QueuePage, ReviewOverlay } from './schemas';

/** Timestamps from json_build_object carry a `+00:00` offset; the contract wants `…Z`. */
export function isoTimestamp(value: Date | string): string {
  return (typeof value === 'string' ? new Date(value) : value).toISOString();
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

/** The gate's sources, schema, likelihoods and citations, as the keys of a JSON object's text. */
export function contextJsonText(context: StoredContext | null): string {
  return JSON.stringify(wireGateContext(context)).slice(1, -1);
}

/** Where an awaiting row stands against its SLA at `now`; decided rows have none. */
function wireSla(row: QueueRow, now: Date): QueueItem['sla'] {
  if (row.status !== 'awaiting_review') return null;
  const awaitingSince = new Date(row.awaiting_since_ms);
  const dueAt = slaDueAt(row.sla_minutes, awaitingSince);
  return { state: slaStateAt({ awaitingSince, dueAt, now }), due_at: isoTimestamp(dueAt) };
}

/**
 * A queue item as the contract's JSON text, joined from the parts PostgreSQL wrote (queue-sql.ts)
 * and the few that are JSON.stringify's to write: the same bytes as stringifying the item.
 */
function queueItemJson(row: QueueRow, now: Date): string {
  return (
    `${row.head.slice(0, -1)},"triggered_by":${JSON.stringify(row.triggered_by)},${row.middle.slice(1, -1)},` +
    `${contextJsonText(row.context)},"preview":${JSON.stringify(row.preview)},` +
    `"sla":${JSON.stringify(wireSla(row, now))},"head_version":${row.head_version}}`
  );
}

/** A queue page as the contract's JSON text, sent as it is: its items are never objects in Node. */
export class QueuePageJson extends JsonText {
  constructor(page: { rows: QueueRow[]; hasMore: boolean; nextCursor: string | null }, now: Date) {
    super(
      `{"data":[${page.rows.map((row) => queueItemJson(row, now)).join(',')}],` +
        `"has_more":${page.hasMore},"next_cursor":${JSON.stringify(page.nextCursor)}}`,
    );
  }

  /** The page as an object, for callers that are not answering a request (tests). */
  parse(): QueuePage {
    return JSON.parse(this.text) as QueuePage;
  }
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
