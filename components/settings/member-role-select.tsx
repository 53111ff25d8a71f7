'use client';

import type { Member } from '@/lib/admin/schemas';
import { PERSON_ROLES, type PersonRole } from '@/lib/domain/enums';
import { FIELD_CLASS } from '../review/textarea-field';
import { ROLE_LABELS } from './role-labels';

/**
 * A person's role, changed in place. It shows what the server holds: a refused change (the last
 * admin) snaps back by itself when the list is read again.
 */
export function MemberRoleSelect({
  member,
  pending,
  onChange,
}: {
  member: Member;
  pending: boolean;
  onChange(role: PersonRole): void;
}) {
  return (
    <select
      aria-label={`Role of ${member.display_name}`}
      value={member.role}
      disabled={pending}
      onChange={(event) => onChange(event.target.value as PersonRole)}
      className={`${FIELD_CLASS} w-auto py-1`}
    >
      {PERSON_ROLES.map((role) => (
        <option key={role} value={role}>
          {ROLE_LABELS[role]}
        </option>
      ))}
    </select>
  );
}
