import { describe, expect, it } from 'vitest';
import { describeEvent, formatTimeAgo } from './server-change-text';

describe('describeEvent', () => {
  it('phrases known audit events', () => {
    expect(describeEvent('version_appended')).toBe('appended a new version');
    expect(describeEvent('claim_taken_over')).toBe('took over the claim');
  });

  it('falls back to the event name in words', () => {
    expect(describeEvent('output_archived')).toBe('output archived');
    expect(describeEvent('constructor')).toBe('constructor');
  });
});

describe('formatTimeAgo', () => {
  const now = Date.parse('2026-05-13T12:00:00.000Z');

  it('rounds to the largest sensible unit', () => {
    expect(formatTimeAgo('2026-05-13T11:59:50.000Z', now)).toBe('just now');
    expect(formatTimeAgo('2026-05-13T11:58:00.000Z', now)).toBe('2 min ago');
    expect(formatTimeAgo('2026-05-13T09:00:00.000Z', now)).toBe('3 hr ago');
    expect(formatTimeAgo('2026-05-12T12:00:00.000Z', now)).toBe('1 day ago');
    expect(formatTimeAgo('2026-05-10T12:00:00.000Z', now)).toBe('3 days ago');
  });

  it('treats a clock slightly ahead of ours as now', () => {
    expect(formatTimeAgo('2026-05-13T12:00:05.000Z', now)).toBe('just now');
  });

  it('shows an unreadable timestamp as it is', () => {
    expect(formatTimeAgo('yesterday', now)).toBe('yesterday');
  });
});
