import { describe, expect, it } from 'vitest';
import { isSameActor } from './actors';

describe('isSameActor', () => {
  const dana = { kind: 'human', id: 'act_dana' } as const;

  it('compares the kind as well as the id: ids are unique per kind only', () => {
    expect(isSameActor(dana, { kind: 'human', id: 'act_dana' })).toBe(true);
    expect(isSameActor(dana, { kind: 'agent', id: 'act_dana' })).toBe(false);
    expect(isSameActor(dana, { kind: 'human', id: 'act_sam' })).toBe(false);
  });

  it('is nobody when the other side is not known yet', () => {
    expect(isSameActor(dana, null)).toBe(false);
    expect(isSameActor(dana, undefined)).toBe(false);
  });
});
