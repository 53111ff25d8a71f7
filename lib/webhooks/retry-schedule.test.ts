import { describe, expect, it } from 'vitest';
import { RETRY_DELAYS_MS, retryDelayMs } from './retry-schedule';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

describe('retryDelayMs', () => {
  it('follows 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 3 h, 6 h, 12 h without jitter', () => {
    const middle = () => 0.5;
    expect(Array.from({ length: 9 }, (_, i) => retryDelayMs(i + 1, middle))).toEqual([
      5 * SECOND,
      30 * SECOND,
      2 * MINUTE,
      10 * MINUTE,
      30 * MINUTE,
      HOUR,
      3 * HOUR,
      6 * HOUR,
      12 * HOUR,
    ]);
  });

  it('gives up after the ninth retry: ten attempts in all', () => {
    expect(retryDelayMs(10, () => 0.5)).toBeNull();
    expect(retryDelayMs(RETRY_DELAYS_MS.length + 1)).toBeNull();
  });

  it('spreads each delay by at most 20 % either way', () => {
    expect(retryDelayMs(1, () => 0)).toBe(4 * SECOND);
    expect(retryDelayMs(1, () => 0.999_999)).toBe(6 * SECOND);
    expect(retryDelayMs(9, () => 0)).toBe(9.6 * HOUR);
  });

  it('never schedules a retry before a failure', () => {
    expect(retryDelayMs(0)).toBeNull();
  });
});
