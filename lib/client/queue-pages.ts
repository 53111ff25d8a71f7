/**
 * Pure rules for keeping a loaded queue view in step with one changed review, without asking
 * the server for the view again: where the review belongs under the view's filters and order,
 * or that it no longer belongs there at all.
 */
import type { InfiniteData } from '@tanstack/react-query';
import { type ActorIdentity, isSameActor } from '../domain/actors';
import { isClaimActive } from '../domain/claims';
import type { AuditEvent, QueueSort } from '../domain/enums';
import { slaStateAt } from '../insight/sla';
import { previewOf } from '../reviews/preview';
import type { QueueItem, QueuePage, ReviewOverlay } from '../reviews/schemas';
import { isNotOlder } from './newer-rev';
import type { QueueFilters } from './query-keys';

export type QueuePages = InfiniteData<QueuePage, string | undefined>;

/** The queue row of an overlay, as `GET /v1/workflows/reviews` would list it. */
export function queueItemOf(overlay: ReviewOverlay): QueueItem {
  const { versions, decisions: _decisions, audit: _audit, ...item } = overlay;
  // The contract keeps the head last: head_seq == versions[-1].seq, and version 0 always exists.
  const head = versions.at(-1);
  if (!head) throw new Error(`overlay ${overlay._id} has no versions`);
  return {
    ...item,
    head_version: { seq: head.seq, origin: head.origin, author: head.author, created_at: head.created_at },
    preview: previewOf(head.snapshot),
  };
}

/**
 * The SLA marker of `item`, as of `now`, from the due time the server gave its row: a row keeps
 * its due time while it waits at the same priority (an overlay alone does not carry it).
 */
export function slaStateNow(item: QueueItem, now: number): NonNullable<QueueItem['sla']>['state'] {
  if (item.status !== 'awaiting_review' || !item.sla) return null;
  return slaStateAt({
    awaitingSince: new Date(item.awaiting_since),
    dueAt: new Date(item.sla.due_at),
    now: new Date(now),
  });
}

/** `item` with the SLA due time its previous row had, when nothing it depends on has changed. */
function withSlaOf(item: QueueItem, previous: QueueItem | undefined): QueueItem {
  if (item.sla !== undefined || !previous?.sla) return item;
  const same = previous.awaiting_since === item.awaiting_since && previous.priority === item.priority;
  return same && item.status === 'awaiting_review' ? { ...item, sla: previous.sla } : item;
}

/**
 * What a queue row does not carry but the whole review does: who made its standing decision, and
 * whether a claim ran out on it without a release (the wire shows an expired claim as none).
 */
export interface RowFacts {
  decidedBy: string | null;
  claimExpired: boolean;
}

const CLAIM_TAKEN = new Set<AuditEvent>(['claimed', 'claim_renewed', 'claim_taken_over']);
// A decision ends a claim without a `claim_released` entry when the claim had already expired.
const CLAIM_ENDED = new Set<AuditEvent>(['claim_released', 'approved', 'rejected', 'reopened']);

export function rowFactsOf(overlay: ReviewOverlay): RowFacts {
  const standing = overlay.status === 'awaiting_review' ? undefined : overlay.decisions.at(-1);
  let claimExpired = false;
  if (overlay.status === 'awaiting_review' && overlay.claim === null) {
    const last = overlay.audit.findLast((entry) => CLAIM_TAKEN.has(entry.event) || CLAIM_ENDED.has(entry.event));
    claimExpired = last !== undefined && CLAIM_TAKEN.has(last.event);
  }
  return { decidedBy: standing?.decided_by.id ?? null, claimExpired };
}

export interface ViewContext {
  /** The signed-in actor, for `mine`; null before we know who that is. */
  me: ActorIdentity | null;
  now: number;
}

/**
 * The server's queue filters, applied to one item. Without `facts` the item is a row of this
 * view's own pages, so the filters only the whole review can answer (`decided_by`,
 * `claim=expired`) are taken as matched: the server listed it under them.
 */
export function belongsInView(
  item: QueueItem,
  filters: QueueFilters,
  { me, now }: ViewContext,
  facts?: RowFacts,
): boolean {
  const claimed = item.claim !== null && isClaimActive(item.claim.expires_at, now);
  const awaiting = item.status === 'awaiting_review';
  return (
    item.status === (filters.status ?? 'awaiting_review') &&
    (!filters.workflow_id || item.workflow_id === filters.workflow_id) &&
    (!filters.block_type || item.block_type === filters.block_type) &&
    (filters.priority === undefined || item.priority === filters.priority) &&
    (!filters.mine || (claimed && item.claim !== null && isSameActor(item.claim.holder, me))) &&
    (!filters.unclaimed || !claimed) &&
    (!filters.claimed_by ||
      (claimed && item.claim?.holder.kind !== 'model' && item.claim?.holder.id === filters.claimed_by)) &&
    (filters.claim !== 'active' || (awaiting && claimed)) &&
    (filters.claim !== 'expired' || (awaiting && !claimed && (facts?.claimExpired ?? true))) &&
    (!filters.decided_by || (!awaiting && (facts ? facts.decidedBy === filters.decided_by : true))) &&
    (!filters.sla || slaStateNow(item, now) === filters.sla)
  );
}

// Ties on the last key compare ids by code point; PostgreSQL may use a collation, which only
// matters for two reviews of the same priority opened in the same millisecond.
const byId = (a: QueueItem, b: QueueItem) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);

/** The queue's order under `sort` (the contract's by default): negative when `a` is listed before `b`. */
export function compareInQueue(a: QueueItem, b: QueueItem, sort: QueueSort = 'queue'): number {
  if (sort === 'oldest') {
    const at = (item: QueueItem) =>
      Date.parse(item.status === 'awaiting_review' ? item.awaiting_since : (item.decided_at ?? item.awaiting_since));
    return at(a) - at(b) || byId(a, b);
  }
  if (a.status === 'awaiting_review') {
    return b.priority - a.priority || Date.parse(a.awaiting_since) - Date.parse(b.awaiting_since) || byId(a, b);
  }
  return Date.parse(b.decided_at ?? b.awaiting_since) - Date.parse(a.decided_at ?? a.awaiting_since) || byId(b, a);
}

/**
 * The view with `item` taken out and, if it belongs in the view, put back where the order puts
 * it. Past the last loaded row it is left out while more pages follow: scrolling brings it, since
 * the loaded pages' cursors still mark where each next page starts.
 */
export function placeInPages(data: QueuePages, item: QueueItem, belongs: boolean, sort?: QueueSort): QueuePages {
  const previous = data.pages.flatMap((page) => page.data).find((row) => row._id === item._id);
  const placed = withSlaOf(item, previous);
  const pages = data.pages.map((page) =>
    page.data.some((row) => row._id === item._id)
      ? { ...page, data: page.data.filter((row) => row._id !== item._id) }
      : page,
  );
  if (belongs) {
    const target = pageToInsertInto(pages, placed, sort);
    if (target !== null) {
      const page = pages[target.page] as QueuePage;
      const data = [...page.data];
      data.splice(target.index, 0, placed);
      pages[target.page] = { ...page, data };
    }
  }
  return { ...data, pages };
}

function pageToInsertInto(
  pages: QueuePage[],
  item: QueueItem,
  sort: QueueSort | undefined,
): { page: number; index: number } | null {
  for (const [pageIndex, page] of pages.entries()) {
    const index = page.data.findIndex((row) => compareInQueue(item, row, sort) < 0);
    if (index !== -1) return { page: pageIndex, index };
  }
  const lastIndex = pages.length - 1;
  const last = pages[lastIndex];
  if (!last || last.has_more) return null;
  return { page: lastIndex, index: last.data.length };
}

/**
 * A freshly read view, with every row the cached view holds at a newer rev kept at that rev and
 * placed again: a read that set off before a change was patched in must not put back the older row.
 */
export function keepNewerRows(
  cached: QueuePages | undefined,
  fresh: QueuePages,
  filters: QueueFilters,
  context: ViewContext,
): QueuePages {
  if (!cached) return fresh;
  const freshRevs = new Map(fresh.pages.flatMap((page) => page.data.map((row) => [row._id, row.rev] as const)));
  let kept = fresh;
  for (const row of cached.pages.flatMap((page) => page.data)) {
    const freshRev = freshRevs.get(row._id);
    if (freshRev !== undefined && !isNotOlder(freshRev, row.rev)) {
      kept = placeInPages(kept, row, belongsInView(row, filters, context), filters.sort);
    }
  }
  return kept;
}
