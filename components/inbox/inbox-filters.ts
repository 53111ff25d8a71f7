import type { CountFilters, QueueFilters } from '@/lib/client/query-keys';
import {
  BLOCK_TYPES,
  type BlockType,
  CLAIM_STATES,
  type ClaimState,
  OVERLAY_STATUSES,
  type OverlayStatus,
  QUEUE_SORTS,
  type QueueSort,
  SLA_STATES,
  type SlaState,
} from '@/lib/domain/enums';
import type { QueueCounts, QueueItem } from '@/lib/reviews/schemas';

/** `active` and `expired` are set by the dashboard's claim cards; the bar offers the first three. */
export type ClaimFilter = 'all' | 'mine' | 'unclaimed' | ClaimState;

/** `shortLabel` is for phones, where three tabs must share one line. */
const TAB_LABELS: Record<OverlayStatus, { label: string; shortLabel: string }> = {
  awaiting_review: { label: 'Awaiting review', shortLabel: 'Awaiting' },
  approved: { label: 'Approved', shortLabel: 'Approved' },
  rejected: { label: 'Rejected', shortLabel: 'Rejected' },
};

export const STATUSES = OVERLAY_STATUSES.map((value) => ({ value, ...TAB_LABELS[value] }));

/**
 * What the inbox shows, as the URL says it:
 * `/?status=approved&workflow_id=…&block_type=…&priority=2&claim=mine&claimed_by=act_…&decided_by=act_…&sla=breached&sort=oldest`.
 */
export interface InboxView {
  status: OverlayStatus;
  workflowId: string | null;
  blockType: BlockType | null;
  priority: number | null;
  /** Claims exist only on reviews awaiting a decision, so this is `all` on the other tabs. */
  claim: ClaimFilter;
  /** Whose claims, by actor id; awaiting reviews only, and never with `claim` mine or unclaimed. */
  claimedBy: string | null;
  /** Whose standing decisions, by actor id; decided reviews only. */
  decidedBy: string | null;
  /** Only reviews past or near their SLA; awaiting reviews only. */
  sla: SlaState | null;
  sort: QueueSort;
}

const DEFAULT_VIEW: InboxView = {
  status: 'awaiting_review',
  workflowId: null,
  blockType: null,
  priority: null,
  claim: 'all',
  claimedBy: null,
  decidedBy: null,
  sla: null,
  sort: 'queue',
};

/** `view` with its filters cleared; its tab and sort stay. */
export function withoutFilters(view: InboxView): InboxView {
  return { ...DEFAULT_VIEW, status: view.status, sort: view.sort };
}

/** The inbox narrowed to `narrowing`, e.g. `inboxHref({ sla: 'breached' })`: what other pages link to. */
export function inboxHref(narrowing: Partial<InboxView>): string {
  return `/${inboxSearch({ ...DEFAULT_VIEW, ...narrowing })}`;
}

// The API's own rule for ids in paths; anything else in a pasted URL is ignored, not sent.
const PATH_ID = /^[A-Za-z0-9_.~-]{1,200}$/;
// The API's bounds for a priority, written as an integer.
const PRIORITY = /^-?\d{1,7}$/;

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

export function parseInboxView(params: URLSearchParams): InboxView {
  const status = oneOf(params.get('status'), OVERLAY_STATUSES) ?? 'awaiting_review';
  const workflowId = params.get('workflow_id');
  const awaiting = status === 'awaiting_review';
  const claim = awaiting
    ? (oneOf(params.get('claim'), ['mine', 'unclaimed', ...CLAIM_STATES] as const) ?? 'all')
    : 'all';
  const claimedBy = params.get('claimed_by');
  const decidedBy = params.get('decided_by');
  const priority = params.get('priority');
  return {
    status,
    workflowId: workflowId && PATH_ID.test(workflowId) ? workflowId : null,
    blockType: oneOf(params.get('block_type'), BLOCK_TYPES),
    priority: priority && PRIORITY.test(priority) && Math.abs(Number(priority)) <= 1_000_000 ? Number(priority) : null,
    claim,
    // A holder's claims are unexpired ones: with mine, unclaimed or expired there is nothing to narrow.
    claimedBy:
      awaiting && (claim === 'all' || claim === 'active') && claimedBy && PATH_ID.test(claimedBy) ? claimedBy : null,
    decidedBy: !awaiting && decidedBy && PATH_ID.test(decidedBy) ? decidedBy : null,
    sla: awaiting ? oneOf(params.get('sla'), SLA_STATES) : null,
    sort: oneOf(params.get('sort'), QUEUE_SORTS) ?? 'queue',
  };
}

/** `view` on another status tab: the filters only awaiting reviews have are dropped. */
export function viewOnTab(view: InboxView, status: OverlayStatus): InboxView {
  if (status === 'awaiting_review') return { ...view, status, decidedBy: null };
  return { ...view, status, claim: 'all', claimedBy: null, sla: null };
}

/** The query string of a view, without defaults, in a fixed order so equal views share one URL. */
export function inboxSearch(view: InboxView): string {
  const params = new URLSearchParams();
  if (view.status !== 'awaiting_review') params.set('status', view.status);
  if (view.workflowId) params.set('workflow_id', view.workflowId);
  if (view.blockType) params.set('block_type', view.blockType);
  if (view.priority !== null) params.set('priority', String(view.priority));
  if (view.status === 'awaiting_review' && view.claim !== 'all') params.set('claim', view.claim);
  if (view.status === 'awaiting_review' && view.claimedBy) params.set('claimed_by', view.claimedBy);
  if (view.status !== 'awaiting_review' && view.decidedBy) params.set('decided_by', view.decidedBy);
  if (view.status === 'awaiting_review' && view.sla) params.set('sla', view.sla);
  if (view.sort !== 'queue') params.set('sort', view.sort);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function queueFiltersOf(view: InboxView): QueueFilters {
  return {
    status: view.status,
    ...(view.workflowId ? { workflow_id: view.workflowId } : {}),
    ...(view.blockType ? { block_type: view.blockType } : {}),
    ...(view.priority !== null ? { priority: view.priority } : {}),
    ...(view.claim === 'mine' ? { mine: true } : {}),
    ...(view.claim === 'unclaimed' ? { unclaimed: true } : {}),
    ...narrowingOf(view),
    ...(view.sort !== 'queue' ? { sort: view.sort } : {}),
  };
}

/** The filters of one side of the queue (awaiting or decided) that the tab counts are not broken down by. */
function narrowingOf(view: InboxView): CountFilters {
  if (view.status !== 'awaiting_review') return view.decidedBy ? { decided_by: view.decidedBy } : {};
  return {
    ...(view.claimedBy ? { claimed_by: view.claimedBy } : {}),
    ...(view.claim === 'active' || view.claim === 'expired' ? { claim: view.claim } : {}),
    ...(view.sla ? { sla: view.sla } : {}),
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
    ...(view.priority !== null ? { priority: view.priority } : {}),
  };
}

/**
 * The counts of the reviews `view` narrows to by claim holder, claim state, SLA or decider, or
 * null when it does not: these filters belong to one side of the queue, so a tab of the other
 * side keeps `countFiltersOf(view)`.
 */
export function narrowedCountFiltersOf(view: InboxView): CountFilters | null {
  const narrowing = narrowingOf(view);
  return Object.keys(narrowing).length === 0 ? null : { ...countFiltersOf(view), ...narrowing };
}

/** How many reviews `view` holds, from counts asked with `countFiltersOf(view)` (or the narrowed ones). */
export function totalOfView(view: InboxView, counts: QueueCounts): number {
  if (view.claim === 'mine' || view.claim === 'unclaimed') return counts[view.claim];
  return counts[view.status];
}

export function hasNarrowingFilters(view: InboxView): boolean {
  return (
    view.workflowId !== null ||
    view.blockType !== null ||
    view.priority !== null ||
    view.claim !== 'all' ||
    view.claimedBy !== null ||
    view.decidedBy !== null ||
    view.sla !== null
  );
}

export function reviewHref(item: Pick<QueueItem, 'workflow_run_id' | 'block_id'>): string {
  return `/reviews/${encodeURIComponent(item.workflow_run_id)}/${encodeURIComponent(item.block_id)}`;
}
