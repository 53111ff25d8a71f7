/**
 * Pure rules for keeping a loaded queue view in step with one changed review, without asking
 * the server for the view again: where the review belongs under the view's filters and order,
 * or that it no longer belongs there at all.
 */
import type { InfiniteData } from '@tanstack/react-query';
import { type ActorIdentity, isSameActor } from '../domain/actors';
import { isClaimActive } from '../domain/claims';
import type { QueueItem, QueuePage, ReviewOverlay } from '../reviews/schemas';
import { isNotOlder } from './newer-rev';
import type { QueueFilters } from './query-keys';

export type QueuePages = InfiniteData<QueuePage, string | undefined>;

/** The queue row of an overlay, as `GET /v1/workflows/reviews` would list it. */
export function queueItemOf(overlay: ReviewOverlay): QueueItem {
  const {
    versions,
    decisions: _decisions,
    audit: _audit,
    sources: _sources,
    json_schema: _schema,
    likelihoods: _likelihoods,
    citations: _citations,
    ...item
  } = overlay;
  // The contract keeps the head last: head_seq == versions[-1].seq, and version 0 always exists.
  const head = versions.at(-1);
  if (!head) throw new Error(`overlay ${overlay._id} has no versions`);
  return {
    ...item,
    head_version: { seq: head.seq, origin: head.origin, author: head.author, created_at: head.created_at },
  };
}

export interface ViewContext {
  /** The signed-in actor, for `mine`; null before we know who that is. */
  me: ActorIdentity | null;
  now: number;
}

/** The server's queue filters, applied to one item. */
export function belongsInView(item: QueueItem, filters: QueueFilters, { me, now }: ViewContext): boolean {
  const claimed = item.claim !== null && isClaimActive(item.claim.expires_at, now);
  return (
    item.status === (filters.status ?? 'awaiting_review') &&
    (!filters.workflow_id || item.workflow_id === filters.workflow_id) &&
    (!filters.block_type || item.block_type === filters.block_type) &&
    (!filters.mine || (claimed && item.claim !== null && isSameActor(item.claim.holder, me))) &&
    (!filters.unclaimed || !claimed)
  );
}

// Ties on the last key compare ids by code point; PostgreSQL may use a collation, which only
// matters for two reviews of the same priority opened in the same millisecond.
const byId = (a: QueueItem, b: QueueItem) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);

/** The contract's queue order: negative when `a` is listed before `b`. */
export function compareInQueue(a: QueueItem, b: QueueItem): number {
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
export function placeInPages(data: QueuePages, item: QueueItem, belongs: boolean): QueuePages {
  const pages = data.pages.map((page) =>
    page.data.some((row) => row._id === item._id)
      ? { ...page, data: page.data.filter((row) => row._id !== item._id) }
      : page,
  );
  if (belongs) {
    const target = pageToInsertInto(pages, item);
    if (target !== null) {
      const page = pages[target.page] as QueuePage;
      const data = [...page.data];
      data.splice(target.index, 0, item);
      pages[target.page] = { ...page, data };
    }
  }
  return { ...data, pages };
}

function pageToInsertInto(pages: QueuePage[], item: QueueItem): { page: number; index: number } | null {
  for (const [pageIndex, page] of pages.entries()) {
    const index = page.data.findIndex((row) => compareInQueue(item, row) < 0);
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
      kept = placeInPages(kept, row, belongsInView(row, filters, context));
    }
  }
  return kept;
}
