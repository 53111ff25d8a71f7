/**
 * The queue: keyset pagination served by the two queue indexes of `overlays`, so a page costs the
 * same on the first page and the thousandth, whatever the size of the queue.
 */
import { z } from 'zod';
import { Prisma } from '../db/generated/client';
import { queryRows } from '../db/sql';
import { type ClaimState, type OverlayStatus, type QueueSort, VERDICTS } from '../domain/enums';
import { validationError } from '../errors';
import { DEFAULT_SLA_MINUTES, type SlaMinutes } from '../insight/sla';
import { actorObject, GATE_CONTEXT_SQL, iso, OVERLAY_HEAD_JSON, overlayMiddleJson } from './overlay-sql';
import type { QueueCountsQuery, QueueItem, QueueQuery } from './schemas';
import { inSlaState } from './sla-filter-sql';
import type { StoredContext } from './wire';

/**
 * A queue item as the parts of the contract's JSON, in its key order, for an overlay `o`, its
 * claim holder `h` and its head version `v` with that version's author `va`: PostgreSQL writes
 * every part it can write exactly as JSON.stringify would (wire.ts joins them, queueItemJson);
 * the jsonb trigger and the gate's json context come parsed, since PostgreSQL's text of them
 * could differ in spacing or number format. Plus what the page's cursor and the item's `sla`
 * marker are computed from.
 */
function queueItemColumns(now: Date): Prisma.Sql {
  return Prisma.sql`
    ${OVERLAY_HEAD_JSON} AS head,
    o.triggered_by,
    ${overlayMiddleJson(now)} AS middle,
    ${GATE_CONTEXT_SQL} AS context,
    v.preview,
    (SELECT row_to_json(r)::text FROM (SELECT v.seq, v.origin, ${actorObject('va')} AS author,
       ${iso('v.created_at')} AS created_at) r) AS head_version,
    o.status::text AS status,
    o.priority,
    o.block_run_id,
    (extract(epoch FROM o.awaiting_since) * 1000)::float8 AS awaiting_since_ms,
    (extract(epoch FROM o.decided_at) * 1000)::float8 AS decided_at_ms,
    coalesce(((SELECT by_priority FROM sla) ->> o.priority::text)::int, (SELECT minutes FROM sla),
             ${DEFAULT_SLA_MINUTES.default}::int) AS sla_minutes`;
}

/** A row of a queue page (selectQueuePage). */
export interface QueueRow {
  /** `{"_id":…,"block_type":…}` */
  head: string;
  triggered_by: unknown;
  /** `{"status":…,"reviewable_value":null}` */
  middle: string;
  context: StoredContext | null;
  preview: NonNullable<QueueItem['preview']>;
  /** `{"seq":…,"created_at":…}` */
  head_version: string;
  status: OverlayStatus;
  priority: number;
  block_run_id: string;
  /** Timestamps as milliseconds since the epoch: exact, and parsed only for the rows that need a Date. */
  awaiting_since_ms: number;
  decided_at_ms: number | null;
  /** The SLA of the item's priority, from the organization's settings (the statement's `sla`). */
  sla_minutes: number;
}

// A cursor comes back from the client, so everything in it is checked like any other input,
// down to what PostgreSQL can take: ISO year 0000 parses here but is out of its range (22008).
const ZBlockRunId = z.string().regex(/^[A-Za-z0-9_.~-]{1,200}:[A-Za-z0-9_.~-]{1,200}$/);
const ZCursorTime = z.iso
  .datetime()
  .refine((value) => new Date(value).getUTCFullYear() >= 1, 'a date before the year 1');
const ZAwaitingCursor = z.object({
  s: z.literal('awaiting_review'),
  p: z.number().int().min(-2_147_483_648).max(2_147_483_647),
  a: ZCursorTime,
  i: ZBlockRunId,
});
const ZDecidedCursor = z.object({ s: z.enum(VERDICTS), d: ZCursorTime, i: ZBlockRunId });
// An `oldest` cursor says so (`o`); a cursor without it pages the contract's order, as before.
const ZOldestAwaitingCursor = z.object({
  s: z.literal('awaiting_review'),
  o: z.literal('oldest'),
  a: ZCursorTime,
  i: ZBlockRunId,
});
const ZOldestDecidedCursor = z.object({ s: z.enum(VERDICTS), o: z.literal('oldest'), d: ZCursorTime, i: ZBlockRunId });
const ZCursor = z.union([ZOldestAwaitingCursor, ZOldestDecidedCursor, ZAwaitingCursor, ZDecidedCursor]);
type Cursor = z.infer<typeof ZCursor>;

const sortOf = (cursor: Cursor): QueueSort => ('o' in cursor ? cursor.o : 'queue');

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(raw: string, { status, sort }: Pick<QueueQuery, 'status' | 'sort'>): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const result = ZCursor.safeParse(parsed);
  if (!result.success) throw validationError([{ path: ['cursor'], message: 'not a cursor this API issued' }]);
  if (result.data.s !== status) {
    throw validationError([
      { path: ['cursor'], message: `this cursor pages the ${result.data.s} queue, not ${status}` },
    ]);
  }
  if (sortOf(result.data) !== sort) {
    throw validationError([
      { path: ['cursor'], message: `this cursor pages the ${sortOf(result.data)} sort, not ${sort}` },
    ]);
  }
  return result.data;
}

export function cursorAfter(row: QueueRow, sort: QueueSort): string {
  const i = row.block_run_id;
  if (row.status === 'awaiting_review') {
    const a = new Date(row.awaiting_since_ms).toISOString();
    return encodeCursor(
      sort === 'oldest' ? { s: row.status, o: sort, a, i } : { s: row.status, p: row.priority, a, i },
    );
  }
  const d = new Date(row.decided_at_ms ?? row.awaiting_since_ms).toISOString();
  return encodeCursor(sort === 'oldest' ? { s: row.status, o: sort, d, i } : { s: row.status, d, i });
}

export interface QueueSelection extends QueueFilterSelection {
  query: QueueQuery;
}

/** What narrows the organization's overlays to a view, whatever their status: the queue's filters. */
export interface QueueFilterSelection {
  organizationId: string;
  callerPk: string;
  query: QueueCountsQuery;
  now: Date;
  /**
   * The organization's SLA, which the `sla` filter measures against; null when the view has no
   * `sla` filter. The filter needs the minutes when the statement is built: one range per
   * configured priority keeps it on the age indexes, which minutes read per row could not.
   */
  sla: SlaMinutes | null;
}

// The claim conditions every query shares. A claim holds while `claim_expires_at > now`, exactly
// as `isClaimActive` (lib/domain/claims.ts) decides in TypeScript: change both or neither.

/** Awaiting items whose unexpired claim the caller holds. */
export const heldByCaller = (callerPk: string, now: Date) =>
  Prisma.sql`o.claim_holder_id = ${callerPk}::uuid AND o.claim_expires_at > ${now}::timestamptz`;

/** Items nobody holds an unexpired claim on. */
export const heldByNobody = (now: Date) =>
  Prisma.sql`(o.claim_holder_id IS NULL OR o.claim_expires_at <= ${now}::timestamptz)`;

/** The actor of this public id (a person or an agent) in the organization; never a model. */
const actorPks = (organizationId: string, actorId: string) =>
  Prisma.sql`SELECT a.id FROM actors a
              WHERE a.organization_id = ${organizationId}::uuid AND a.public_id = ${actorId} AND a.kind <> 'model'`;

/** Awaiting items whose unexpired claim the actor of this public id holds. */
const heldByActor = (organizationId: string, actorId: string, now: Date) =>
  Prisma.sql`o.claim_expires_at > ${now}::timestamptz AND o.claim_holder_id IN (${actorPks(organizationId, actorId)})`;

/**
 * Awaiting items whose claim holds, or has run out without a release: the same split at `now`
 * as the dashboard's claim cards (lib/insight/queue-stats-sql.ts, `selectClaimCounts`).
 */
const inClaimState = (state: ClaimState, now: Date) =>
  state === 'active'
    ? Prisma.sql`(o.status = 'awaiting_review' AND o.claim_expires_at > ${now}::timestamptz)`
    : Prisma.sql`(o.status = 'awaiting_review' AND o.claim_expires_at <= ${now}::timestamptz)`;

/**
 * The standing decisions (`decision_facts`: one per decided item, none while it is reopened)
 * that this actor made. One decider, compared with `=`, so that the planner reads
 * `decision_facts_decider_idx` in `decided_at` order and stops at the page's end; with `IN` it
 * reads all of the decider's decisions and sorts them. People and agents get random `act_` ids,
 * so a public id names one of them.
 */
const decisionsOf = (organizationId: string, actorId: string) =>
  Prisma.sql`f.organization_id = ${organizationId}::uuid
             AND f.decided_by_id = (${actorPks(organizationId, actorId)} ORDER BY a.kind LIMIT 1)`;

/** The WHERE conditions of a view over `overlays o`, shared by the queue and its counts. */
export function viewConditions({ organizationId, callerPk, query, now, sla }: QueueFilterSelection): Prisma.Sql[] {
  const parts = [Prisma.sql`o.organization_id = ${organizationId}::uuid`];
  if (query.workflow_id) parts.push(Prisma.sql`o.workflow_id = ${query.workflow_id}`);
  if (query.block_type) parts.push(Prisma.sql`o.block_type = ${query.block_type}::block_type`);
  if (query.priority !== undefined) parts.push(Prisma.sql`o.priority = ${query.priority}::int`);
  if (query.mine) parts.push(heldByCaller(callerPk, now));
  if (query.unclaimed) parts.push(heldByNobody(now));
  if (query.claimed_by) parts.push(heldByActor(organizationId, query.claimed_by, now));
  if (query.claim) parts.push(inClaimState(query.claim, now));
  if (query.decided_by) {
    parts.push(
      Prisma.sql`o.id IN (SELECT f.overlay_id FROM decision_facts f WHERE ${decisionsOf(organizationId, query.decided_by)})`,
    );
  }
  if (query.sla) {
    if (!sla) throw new Error('the sla filter needs the organization’s SLA');
    parts.push(inSlaState(sla, query.sla, now));
  }
  return parts;
}

function filters(selection: QueueSelection): Prisma.Sql {
  return Prisma.join(
    [...viewConditions(selection), Prisma.sql`o.status = ${selection.query.status}::overlay_status`],
    ' AND ',
  );
}

/** The order of a page of `query`: the contract's, or oldest first. */
function orderOf({ status, sort }: Pick<QueueQuery, 'status' | 'sort'>): Prisma.Sql {
  if (status === 'awaiting_review') {
    return sort === 'oldest'
      ? Prisma.sql`ORDER BY o.awaiting_since, o.block_run_id`
      : Prisma.sql`ORDER BY o.priority DESC, o.awaiting_since, o.block_run_id`;
  }
  return sort === 'oldest'
    ? Prisma.sql`ORDER BY o.decided_at, o.block_run_id`
    : Prisma.sql`ORDER BY o.decided_at DESC, o.block_run_id DESC`;
}

/** The rows after `cursor` in a one-direction order: a plain row comparison. */
function afterCursor(cursor: Cursor): Prisma.Sql {
  if ('a' in cursor)
    return Prisma.sql`(o.awaiting_since, o.block_run_id) > (${new Date(cursor.a)}::timestamptz, ${cursor.i}::text)`;
  return 'o' in cursor
    ? Prisma.sql`(o.decided_at, o.block_run_id) > (${new Date(cursor.d)}::timestamptz, ${cursor.i}::text)`
    : Prisma.sql`(o.decided_at, o.block_run_id) < (${new Date(cursor.d)}::timestamptz, ${cursor.i}::text)`;
}

/**
 * The overlays of one page, in queue order, plus one more row to tell whether another page exists.
 * Awaiting items sort by priority descending but age ascending; a row comparison cannot seek
 * across mixed directions, so the page after a cursor is the rest of the cursor's priority
 * followed by the lower priorities: two index range scans instead of one filtered full scan.
 */
function pageRows(selection: QueueSelection, cursor: Cursor | null, take: Prisma.Sql): Prisma.Sql {
  if (selection.query.decided_by) return pageRowsOfDecider(selection, selection.query.decided_by, cursor, take);
  const where = filters(selection);
  const order = orderOf(selection.query);
  if (!cursor) return Prisma.sql`SELECT o.* FROM overlays o WHERE ${where} ${order} LIMIT ${take}`;
  if ('p' in cursor) {
    const after = new Date(cursor.a);
    return Prisma.sql`
      SELECT * FROM (
        (SELECT o.* FROM overlays o
          WHERE ${where} AND o.priority = ${cursor.p}::int
            AND (o.awaiting_since, o.block_run_id) > (${after}::timestamptz, ${cursor.i}::text)
          ORDER BY o.awaiting_since, o.block_run_id LIMIT ${take})
        UNION ALL
        (SELECT o.* FROM overlays o
          WHERE ${where} AND o.priority < ${cursor.p}::int
          ${order} LIMIT ${take})
      ) o ${order} LIMIT ${take}`;
  }
  return Prisma.sql`SELECT o.* FROM overlays o WHERE ${where} AND ${afterCursor(cursor)} ${order} LIMIT ${take}`;
}

/**
 * A decider's page is read from their standing decisions by `decision_facts_decider_idx`, newest
 * (or oldest) first, each joined to its overlay by key: reading the organization's decided queue
 * and keeping one reviewer's items would read every other reviewer's decisions above them. A
 * standing decision's `decided_at` is its overlay's (both are the decision's instant), so the
 * index's order is the queue's, and its ties are ordered by id in a small sort.
 */
function pageRowsOfDecider(
  selection: QueueSelection,
  actorId: string,
  cursor: Cursor | null,
  take: Prisma.Sql,
): Prisma.Sql {
  const { decided_by: _decider, ...others } = selection.query;
  const where = filters({ ...selection, query: others });
  const newestFirst = selection.query.sort !== 'oldest';
  const order = newestFirst
    ? Prisma.sql`ORDER BY f.decided_at DESC, o.block_run_id DESC`
    : Prisma.sql`ORDER BY f.decided_at, o.block_run_id`;
  let after = Prisma.empty;
  if (cursor && 'd' in cursor) {
    const d = new Date(cursor.d);
    // The bare bound on `f.decided_at` is the one the index can seek to; the row comparison breaks its ties.
    after = newestFirst
      ? Prisma.sql`AND f.decided_at <= ${d}::timestamptz AND (f.decided_at, o.block_run_id) < (${d}::timestamptz, ${cursor.i}::text)`
      : Prisma.sql`AND f.decided_at >= ${d}::timestamptz AND (f.decided_at, o.block_run_id) > (${d}::timestamptz, ${cursor.i}::text)`;
  }
  return Prisma.sql`
    SELECT o.* FROM decision_facts f JOIN overlays o ON o.id = f.overlay_id
     WHERE ${decisionsOf(selection.organizationId, actorId)} AND ${where} ${after}
     ${order} LIMIT ${take}`;
}

/**
 * A filter that only one side of the queue has, asked of the other side, is a mistake to name
 * rather than an empty page: `claim` is about awaiting items, `decided_by` about decided ones.
 */
function checkFiltersFitStatus({ status, claim, decided_by }: QueueQuery): void {
  if (claim && status !== 'awaiting_review') {
    throw validationError([{ path: ['claim'], message: `only awaiting items have claims, not ${status} ones` }]);
  }
  if (decided_by && status === 'awaiting_review') {
    throw validationError([
      { path: ['decided_by'], message: 'awaiting items have no decision: ask for status approved or rejected' },
    ]);
  }
}

export async function selectQueuePage(selection: QueueSelection): Promise<{ rows: QueueRow[]; hasMore: boolean }> {
  const { query, now } = selection;
  checkFiltersFitStatus(query);
  const cursor = query.cursor ? decodeCursor(query.cursor, query) : null;
  // A constant rather than a parameter (the limit is a validated integer): with a parameter the
  // generic plan is costed for an unknown limit, hash joins over the whole queue, so PostgreSQL
  // planned the statement afresh on every call. With the constant it keeps one plan.
  const take = Prisma.raw(String(Math.trunc(query.limit) + 1));
  // The settings row is read once per statement (its subqueries are InitPlans), not joined: a
  // join to it measured 0.5 ms more database CPU a page.
  const rows = await queryRows<QueueRow>(Prisma.sql`
    WITH sla AS (
      SELECT sla_default_minutes AS minutes, sla_minutes_by_priority AS by_priority
        FROM organization_settings WHERE organization_id = ${selection.organizationId}::uuid
    )
    SELECT ${queueItemColumns(now)}
      FROM (${pageRows(selection, cursor, take)}) o
      JOIN output_versions v ON v.overlay_id = o.id AND v.seq = o.head_seq
      JOIN actors va ON va.id = v.author_id
      LEFT JOIN actors h ON h.id = o.claim_holder_id
     ${orderOf(query)}`);
  return { rows: rows.slice(0, query.limit), hasMore: rows.length > query.limit };
}
