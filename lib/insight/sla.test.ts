import { describe, expect, it } from 'vitest';
import { slaBounds, slaDueAt, slaMinutesFor, slaStateOf } from './sla';

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

describe('SLA state of an item', () => {
  const bounds = slaBounds(sla, 0, now); // 60 minutes: at risk from 48

  it('is on time before 80% of the SLA', () => {
    expect(slaStateOf(bounds, new Date('2026-11-29T11:12:00.001Z'))).toBeNull();
  });

  it('is at risk from exactly 80% up to and including the SLA itself', () => {
    expect(slaStateOf(bounds, new Date('2026-11-29T11:12:00.000Z'))).toBe('at_risk');
    expect(slaStateOf(bounds, new Date('2026-11-29T11:00:00.000Z'))).toBe('at_risk');
  });

  it('is breached a millisecond past the SLA', () => {
    expect(slaStateOf(bounds, new Date('2026-11-29T10:59:59.999Z'))).toBe('breached');
  });

  it('is due the SLA minutes of its priority after it began waiting', () => {
    expect(slaDueAt(slaMinutesFor(sla, 3), now)).toEqual(new Date('2026-11-29T12:10:00.000Z'));
  });
});
