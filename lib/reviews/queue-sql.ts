/**
 * The queue: keyset pagination served by the two queue indexes of `overlays`, so a page costs the
 * same on the first page and the thousandth, whatever the size of the queue.
 */
import { z } from 'zod';
import { Prisma } from '../db/generated/client';
import { queryRows } from '../db/sql';
import { column, type RowOf, rowSchema, selectList } from '../db/typed-select';
import { VERDICTS } from '../domain/enums';
import { validationError } from '../errors';
import { actorJson, OVERLAY_COLUMNS, ZJsonActor } from './overlay-sql';
import { type QueueCountsQuery, type QueueQuery, ZOutputVersion } from './schemas';

/** A queue item: the overlay's columns, and its head version `v` with that version's author `va`. */
const QUEUE_COLUMNS = {
  ...OVERLAY_COLUMNS,
  head_origin: column('v.origin::text', ZOutputVersion.shape.origin),
  head_created_at: column('v.created_at', z.date()),
  head_author: column(actorJson('va'), ZJsonActor),
};

export type QueueRow = RowOf<typeof QUEUE_COLUMNS>;
const ZQueueRow = rowSchema(QUEUE_COLUMNS);

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
const ZCursor = z.union([ZAwaitingCursor, ZDecidedCursor]);
type Cursor = z.infer<typeof ZCursor>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(raw: string, status: QueueQuery['status']): Cursor {
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
  return result.data;
}

export function cursorAfter(row: QueueRow): string {
  return encodeCursor(
    row.status === 'awaiting_review'
      ? { s: 'awaiting_review', p: row.priority, a: row.awaiting_since.toISOString(), i: row.block_run_id }
      : { s: row.status, d: (row.decided_at ?? row.awaiting_since).toISOString(), i: row.block_run_id },
  );
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
}

// The claim conditions every query shares. A claim holds while `claim_expires_at > now`, exactly
// as `isClaimActive` (lib/domain/claims.ts) decides in TypeScript: change both or neither.

/** Awaiting items whose unexpired claim the caller holds. */
export const heldByCaller = (callerPk: string, now: Date) =>
  Prisma.sql`o.claim_holder_id = ${callerPk}::uuid AND o.claim_expires_at > ${now}::timestamptz`;

/** Items nobody holds an unexpired claim on. */
export const heldByNobody = (now: Date) =>
  Prisma.sql`(o.claim_holder_id IS NULL OR o.claim_expires_at <= ${now}::timestamptz)`;

/** The WHERE conditions of a view over `overlays o`, shared by the queue and its counts. */
export function viewConditions({ organizationId, callerPk, query, now }: QueueFilterSelection): Prisma.Sql[] {
  const parts = [Prisma.sql`o.organization_id = ${organizationId}::uuid`];
  if (query.workflow_id) parts.push(Prisma.sql`o.workflow_id = ${query.workflow_id}`);
  if (query.block_type) parts.push(Prisma.sql`o.block_type = ${query.block_type}::block_type`);
  if (query.mine) parts.push(heldByCaller(callerPk, now));
  if (query.unclaimed) parts.push(heldByNobody(now));
  return parts;
}

function filters(selection: QueueSelection): Prisma.Sql {
  return Prisma.join(
    [...viewConditions(selection), Prisma.sql`o.status = ${selection.query.status}::overlay_status`],
    ' AND ',
  );
}

/**
 * The ids of one page, in queue order, plus one more row to tell whether another page exists.
 * Awaiting items sort by priority descending but age ascending; a row comparison cannot seek
 * across mixed directions, so the page after a cursor is the rest of the cursor's priority
 * followed by the lower priorities: two index range scans instead of one filtered full scan.
 */
function pageIds(selection: QueueSelection, cursor: Cursor | null, take: number): Prisma.Sql {
  const where = filters(selection);
  if (selection.query.status === 'awaiting_review') {
    const order = Prisma.sql`ORDER BY o.priority DESC, o.awaiting_since, o.block_run_id`;
    if (cursor?.s !== 'awaiting_review') {
      return Prisma.sql`SELECT o.id FROM overlays o WHERE ${where} ${order} LIMIT ${take}`;
    }
    const after = new Date(cursor.a);
    return Prisma.sql`
      SELECT id FROM (
        (SELECT o.id, o.priority, o.awaiting_since, o.block_run_id FROM overlays o
          WHERE ${where} AND o.priority = ${cursor.p}::int
            AND (o.awaiting_since, o.block_run_id) > (${after}::timestamptz, ${cursor.i}::text)
          ORDER BY o.awaiting_since, o.block_run_id LIMIT ${take})
        UNION ALL
        (SELECT o.id, o.priority, o.awaiting_since, o.block_run_id FROM overlays o
          WHERE ${where} AND o.priority < ${cursor.p}::int
          ${order} LIMIT ${take})
      ) o ${order} LIMIT ${take}`;
  }
  const order = Prisma.sql`ORDER BY o.decided_at DESC, o.block_run_id DESC`;
  if (!cursor || cursor.s === 'awaiting_review') {
    return Prisma.sql`SELECT o.id FROM overlays o WHERE ${where} ${order} LIMIT ${take}`;
  }
  return Prisma.sql`
    SELECT o.id FROM overlays o
     WHERE ${where} AND (o.decided_at, o.block_run_id) < (${new Date(cursor.d)}::timestamptz, ${cursor.i}::text)
     ${order} LIMIT ${take}`;
}

export async function selectQueuePage(selection: QueueSelection): Promise<{ rows: QueueRow[]; hasMore: boolean }> {
  const { query } = selection;
  const cursor = query.cursor ? decodeCursor(query.cursor, query.status) : null;
  const take = query.limit + 1;
  const order =
    query.status === 'awaiting_review'
      ? Prisma.sql`ORDER BY o.priority DESC, o.awaiting_since, o.block_run_id`
      : Prisma.sql`ORDER BY o.decided_at DESC, o.block_run_id DESC`;
  const rows = await queryRows(Prisma.sql`
    SELECT ${selectList(QUEUE_COLUMNS)}
      FROM (${pageIds(selection, cursor, take)}) page
      JOIN overlays o ON o.id = page.id
      JOIN output_versions v ON v.overlay_id = o.id AND v.seq = o.head_seq
      JOIN actors va ON va.id = v.author_id
      LEFT JOIN actors h ON h.id = o.claim_holder_id
     ${order}`);
  return { rows: rows.slice(0, query.limit).map((row) => ZQueueRow.parse(row)), hasMore: rows.length > query.limit };
}
