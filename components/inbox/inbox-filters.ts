import type { CountFilters, QueueFilters } from '@/lib/client/query-keys';
import type { QueueCounts, QueueItem } from '@/lib/reviews/schemas';

export type QueueStatus = QueueItem['status'];
export type BlockType = QueueItem['block_type'];
export type ClaimFilter = 'all' | 'mine' | 'unclaimed';

/** `shortLabel` is for phones, where three tabs must share one line. */
export const STATUSES: { value: QueueStatus; label: string; shortLabel: string }[] = [
  { value: 'awaiting_review', label: 'Awaiting review', shortLabel: 'Awaiting' },
  { value: 'approved', label: 'Approved', shortLabel: 'Approved' },
  { value: 'rejected', label: 'Rejected', shortLabel: 'Rejected' },
];

export const BLOCK_TYPES: BlockType[] = ['extract', 'classifier', 'split', 'conditional', 'for_each'];

/** What the inbox shows, as the URL says it: `/?status=approved&workflow_id=…&block_type=…&claim=mine`. */
export interface InboxView {
  status: QueueStatus;
  workflowId: string | null;
  blockType: BlockType | null;
  /** Claims exist only on reviews awaiting a decision, so this is `all` on the other tabs. */
  claim: ClaimFilter;
}

// The API's own rule for ids in paths; anything else in a pasted URL is ignored, not sent.
const PATH_ID = /^[A-Za-z0-9_.~-]{1,200}$/;

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

export function parseInboxView(params: URLSearchParams): InboxView {
  const status = oneOf(params.get('status'), ['awaiting_review', 'approved', 'rejected'] as const) ?? 'awaiting_review';
  const workflowId = params.get('workflow_id');
  const claim =
    status === 'awaiting_review' ? (oneOf(params.get('claim'), ['mine', 'unclaimed'] as const) ?? 'all') : 'all';
  return {
    status,
    workflowId: workflowId && PATH_ID.test(workflowId) ? workflowId : null,
    blockType: oneOf(params.get('block_type'), BLOCK_TYPES),
    claim,
  };
}

/** The query string of a view, without defaults, in a fixed order so equal views share one URL. */
export function inboxSearch(view: InboxView): string {
  const params = new URLSearchParams();
  if (view.status !== 'awaiting_review') params.set('status', view.status);
  if (view.workflowId) params.set('workflow_id', view.workflowId);
  if (view.blockType) params.set('block_type', view.blockType);
  if (view.status === 'awaiting_review' && view.claim !== 'all') params.set('claim', view.claim);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function queueFiltersOf(view: InboxView): QueueFilters {
  return {
    status: view.status,
    ...(view.workflowId ? { workflow_id: view.workflowId } : {}),
    ...(view.blockType ? { block_type: view.blockType } : {}),
    ...(view.claim === 'mine' ? { mine: true } : {}),
    ...(view.claim === 'unclaimed' ? { unclaimed: true } : {}),
  };
}

/**
 * What the counts are asked for: the filters every tab and claim button keep. The answer breaks
 * them down by status and claim, so one request serves every number the inbox shows.
 */
export function countFiltersOf(view: InboxView): CountFilters {
  return {
    ...(view.workflowId ? { workflow_id: view.workflowId } : {}),
    ...(view.blockType ? { block_type: view.blockType } : {}),
  };
}

/** How many reviews `view` holds, from counts asked with `countFiltersOf(view)`. */
export function totalOfView(view: InboxView, counts: QueueCounts): number {
  if (view.status === 'awaiting_review' && view.claim !== 'all') return counts[view.claim];
  return counts[view.status];
}

export function hasNarrowingFilters(view: InboxView): boolean {
  return view.workflowId !== null || view.blockType !== null || view.claim !== 'all';
}

export function reviewHref(item: Pick<QueueItem, 'workflow_run_id' | 'block_id'>): string {
  return `/reviews/${encodeURIComponent(item.workflow_run_id)}/${encodeURIComponent(item.block_id)}`;
}
