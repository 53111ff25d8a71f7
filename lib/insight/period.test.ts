import { describe, expect, it } from 'vitest';
import { resolvePeriod } from './period';

const now = new Date('2026-11-29T23:59:59.999Z');

describe('a period of UTC days', () => {
  it('is the last 30 days, today included, by default', () => {
    expect(resolvePeriod({}, now)).toEqual({ from: '2026-10-31', to: '2026-11-29' });
  });

  it('ends 29 days after a given end when only that is given', () => {
    expect(resolvePeriod({ to: '2026-03-01' }, now)).toEqual({ from: '2026-01-31', to: '2026-03-01' });
  });

  it('may be a single day, or a whole leap year', () => {
    expect(resolvePeriod({ from: '2028-01-01', to: '2028-01-01' }, now)).toEqual({
      from: '2028-01-01',
      to: '2028-01-01',
    });
    expect(resolvePeriod({ from: '2028-01-01', to: '2028-12-31' }, now).to).toBe('2028-12-31');
  });

  it('refuses a reversed period, also against the default end, and one longer than a year', () => {
    expect(() => resolvePeriod({ from: '2026-11-02', to: '2026-11-01' }, now)).toThrow(/after/);
    expect(() => resolvePeriod({ from: '2026-12-01' }, now)).toThrow(/after/);
    expect(() => resolvePeriod({ from: '2025-01-01', to: '2026-01-02' }, now)).toThrow(/at most 366 days/);
  });
});
