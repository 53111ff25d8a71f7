import { describe, expect, it } from 'vitest';
import { csvHref, dashboardSearch, parseDashboardView, periodOf } from './dashboard-filters';

describe('dashboard filters', () => {
  it('reads the period and workflow from the URL, ignoring what it cannot use', () => {
    expect(parseDashboardView(new URLSearchParams('period=7&bucket=week&workflow_id=wf_a&block_type=split'))).toEqual({
      period: 7,
      bucket: 'week',
      workflowId: 'wf_a',
      blockType: 'split',
    });
    expect(parseDashboardView(new URLSearchParams('period=12&bucket=month&workflow_id=a%20b&block_type=x'))).toEqual({
      period: 30,
      bucket: 'day',
      workflowId: null,
      blockType: null,
    });
  });

  it('writes a view back without its defaults', () => {
    expect(dashboardSearch({ period: 30, bucket: 'day', workflowId: null, blockType: null })).toBe('');
    expect(dashboardSearch({ period: 90, bucket: 'week', workflowId: 'wf_a', blockType: 'extract' })).toBe(
      '?period=90&bucket=week&workflow_id=wf_a&block_type=extract',
    );
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
