import { describe, expect, it } from 'vitest';
import { csvHref, dashboardSearch, parseDashboardView, periodOf } from './dashboard-filters';

describe('dashboard filters', () => {
  it('reads the period and workflow from the URL, ignoring what it cannot use', () => {
    expect(parseDashboardView(new URLSearchParams('period=7&workflow_id=wf_a'))).toEqual({
      period: 7,
      workflowId: 'wf_a',
    });
    expect(parseDashboardView(new URLSearchParams('period=12&workflow_id=a%20b'))).toEqual({
      period: 30,
      workflowId: null,
    });
  });

  it('writes a view back without its defaults', () => {
    expect(dashboardSearch({ period: 30, workflowId: null })).toBe('');
    expect(dashboardSearch({ period: 90, workflowId: 'wf_a' })).toBe('?period=90&workflow_id=wf_a');
  });

  it('counts the period in UTC days, today included', () => {
    expect(periodOf(7, Date.parse('2026-03-10T23:30:00Z'))).toEqual({ from: '2026-03-04', to: '2026-03-10' });
  });

  it('links a CSV table, leaving out absent filters', () => {
    expect(csvHref('/v1/stats/queue', 'by_workflow', { workflow_id: null })).toBe(
      '/v1/stats/queue?format=csv&table=by_workflow',
    );
  });
});
