import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../domain/enums';
import { type Action, isLead, mayCall } from './authorization';

describe('mayCall', () => {
  const table: [Action, Role[]][] = [
    ['read', ['reviewer', 'lead', 'admin', 'integration']],
    ['open_gate', ['admin', 'integration']],
    ['append_version', ['reviewer', 'lead', 'admin', 'integration']],
    ['decide', ['reviewer', 'lead', 'admin']],
    ['claim', ['reviewer', 'lead', 'admin']],
    ['release', ['reviewer', 'lead', 'admin']],
    ['revert', ['reviewer', 'lead', 'admin']],
    ['reopen', ['lead', 'admin']],
    ['view_insight', ['lead', 'admin']],
    ['manage_settings', ['admin']],
  ];
  for (const [action, allowed] of table) {
    for (const role of ROLES) {
      const expected = allowed.includes(role);
      it(`${role} ${expected ? 'may' : 'may not'} ${action}`, () => {
        expect(mayCall(role, action)).toBe(expected);
      });
    }
  }

  it('counts only lead and admin as leads', () => {
    expect(ROLES.filter(isLead)).toEqual(['lead', 'admin']);
  });
});
