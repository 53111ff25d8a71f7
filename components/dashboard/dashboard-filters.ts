/** What the dashboard shows, as the URL says it: `/dashboard?period=7&workflow_id=…`. */
export const PERIODS = [7, 30, 90] as const;
export type PeriodDays = (typeof PERIODS)[number];

export interface DashboardView {
  period: PeriodDays;
  workflowId: string | null;
}

// The API's own rule for ids in paths; anything else in a pasted URL is ignored, not sent.
const PATH_ID = /^[A-Za-z0-9_.~-]{1,200}$/;

export function parseDashboardView(params: URLSearchParams): DashboardView {
  const period = Number(params.get('period'));
  const workflowId = params.get('workflow_id');
  return {
    period: (PERIODS as readonly number[]).includes(period) ? (period as PeriodDays) : 30,
    workflowId: workflowId && PATH_ID.test(workflowId) ? workflowId : null,
  };
}

/** The query string of a view, without defaults. */
export function dashboardSearch(view: DashboardView): string {
  const params = new URLSearchParams();
  if (view.period !== 30) params.set('period', String(view.period));
  if (view.workflowId) params.set('workflow_id', view.workflowId);
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
