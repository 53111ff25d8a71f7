import { describe, expect, it } from 'vitest';
import { draftOf, patchOf } from './sla-draft';

describe('the SLA draft', () => {
  it('lists priorities highest first, as text', () => {
    expect(draftOf({ sla_minutes: { default: 240, by_priority: { '0': 480, '3': 30 } } })).toEqual({
      default: '240',
      rows: [
        { priority: '3', minutes: '30' },
        { priority: '0', minutes: '480' },
      ],
    });
  });

  it('becomes a PATCH replacing the whole list', () => {
    expect(patchOf({ default: ' 60 ', rows: [{ priority: '-1', minutes: '1440' }] })).toEqual({
      ok: true,
      patch: { sla_minutes: { default: 60, by_priority: { '-1': 1440 } } },
    });
    expect(patchOf({ default: '60', rows: [] })).toEqual({
      ok: true,
      patch: { sla_minutes: { default: 60, by_priority: {} } },
    });
  });

  it('names each field that is wrong', () => {
    const result = patchOf({
      default: '0',
      rows: [
        { priority: '2', minutes: '1.5' },
        { priority: '2', minutes: '10' },
        { priority: 'high', minutes: '525601' },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.field)).toEqual([
      'default',
      'minutes-0',
      'priority-1',
      'priority-2',
      'minutes-2',
    ]);
  });
});
