import { describe, expect, it } from 'vitest';
import { slaBounds, slaMinutesFor } from './sla';

const sla = { default: 60, by_priority: { '3': 10 } };
const now = new Date('2026-11-29T12:00:00.000Z');

describe('SLA bounds', () => {
  it('take the minutes of the priority, else the default', () => {
    expect(slaMinutesFor(sla, 3)).toBe(10);
    expect(slaMinutesFor(sla, 0)).toBe(60);
  });

  it('begin "at risk" at 80% of the SLA and "breached" once it has passed', () => {
    expect(slaBounds(sla, 3, now)).toEqual({
      breachedBefore: new Date('2026-11-29T11:50:00.000Z'),
      atRiskSince: new Date('2026-11-29T11:52:00.000Z'),
    });
  });
});
