import { describe, expect, it } from 'vitest';
import { isClaimActive } from './claims';

const NOW = new Date('2026-05-13T09:00:00.000Z');

describe('isClaimActive', () => {
  it('holds until the instant of expiry, not at it', () => {
    expect(isClaimActive(new Date(NOW.getTime() + 1), NOW)).toBe(true);
    expect(isClaimActive(NOW, NOW)).toBe(false);
    expect(isClaimActive(new Date(NOW.getTime() - 1), NOW)).toBe(false);
  });

  it('answers the same for the wire format and a clock in milliseconds', () => {
    expect(isClaimActive('2026-05-13T09:00:00.001Z', NOW.getTime())).toBe(true);
    expect(isClaimActive('2026-05-13T09:00:00.000Z', NOW.getTime())).toBe(false);
  });
});
