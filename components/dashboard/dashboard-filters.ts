import { BLOCK_TYPES, type BlockType } from '@/lib/domain/enums';

/** What the dashboard shows, as the URL says it: `/dashboard?period=7&bucket=week&workflow_id=…&block_type=…`. */
export const PERIODS = [7, 30, 90] as const;
export type PeriodDays = (typeof PERIODS)[number];
export const BUCKETS = ['day', 'week'] as const;
export type Bucket = (typeof BUCKETS)[number];

export interface DashboardView {
  period: PeriodDays;
  /** How the decisions chart groups its days. */
  bucket: Bucket;
  workflowId: string | null;
  /** Narrows the queue sections only: decisions are not broken down by block type. */
  blockType: BlockType | null;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

// The API's own rule for ids in paths; anything else in a pasted URL is ignored, not sent.
const PATH_ID = /^[A-Za-z0-9_.~-]{1,200}$/;

export function parseDashboardView(params: URLSearchParams): DashboardView {
  const period = Number(params.get('period'));
  const workflowId = params.get('workflow_id');
  return {
    period: (PERIODS as readonly number[]).includes(period) ? (period as PeriodDays) : 30,
    bucket: oneOf(params.get('bucket'), BUCKETS) ?? 'day',
    workflowId: workflowId && PATH_ID.test(workflowId) ? workflowId : null,
    blockType: oneOf(params.get('block_type'), BLOCK_TYPES),
  };
}

/** The query string of a view, without defaults. */
export function dashboardSearch(view: DashboardView): string {
  const params = new URLSearchParams();
  if (view.period !== 30) params.set('period', String(view.period));
  if (view.bucket !== 'day') params.set('bucket', view.bucket);
  if (view.workflowId) params.set('workflow_id', view.workflowId);
  if (view.blockType) params.set('block_type', view.blockType);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The last `days` UTC days up to and including today's, as the API's `from` and `to`. */
export function periodOf(days: PeriodDays, now: number): { from: string; to: string } {
  return { from: utcDay(now - (days - 1) * 86_400_000), to: utcDay(now) };
}

/** A same-origin link to a route's CSV: the session cookie rides along. */
export function csvHref(path: string, table: string, query: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams({ format: 'csv', table });
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  return `${path}?${params.toString()}`;
}
