import { describe, expect, it } from 'vitest';
import { formatClock, formatFullTime, formatTimeAgo } from './time';

// Local time in these tests is UTC; Node honours a TZ set at run time.
process.env.TZ = 'UTC';

describe('formatClock', () => {
  const now = Date.parse('2026-05-13T20:00:00.000Z');

  it('writes every time of day the same way, without a leading zero in a 12-hour locale', () => {
    expect(formatClock('2026-05-13T19:35:00.000Z', now, 'en-US')).toBe('7:35 PM');
    expect(formatClock('2026-05-13T07:44:00.000Z', now, 'en-US')).toBe('7:44 AM');
    expect(formatClock('2026-05-13T07:44:00.000Z', now, 'de-DE')).toBe('07:44');
  });

  it('adds the date when it is not today', () => {
    expect(formatClock('2026-05-12T19:35:00.000Z', now, 'en-US')).toBe('May 12, 2026, 7:35 PM');
  });

  it('shows an unreadable timestamp as it is', () => {
    expect(formatClock('soon', now)).toBe('soon');
    expect(formatFullTime('soon')).toBe('soon');
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
