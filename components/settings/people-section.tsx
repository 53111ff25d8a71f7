'use client';

import { useState } from 'react';
import type { Member } from '@/lib/admin/schemas';
import { useMe } from '@/lib/client/use-me';
import { useMembers, useUpdateMember } from '@/lib/client/use-members';
import { useNow } from '@/lib/client/use-now';
import type { PersonRole } from '@/lib/domain/enums';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { CELL, DataTable } from '../ui/data-table';
import { QueryBody } from '../ui/query-body';
import { useToast } from '../ui/toast';
import { AddPersonDialog } from './add-person-dialog';
import { ConfirmDialog } from './confirm-dialog';
import { MemberRoleSelect } from './member-role-select';
import { describeSettingsError } from './settings-error';
import { SettingsSection } from './settings-section';
import { Timestamp } from './timestamp';

export function PeopleSection() {
  const members = useMembers();
  const [adding, setAdding] = useState(false);
  const [disabling, setDisabling] = useState<Member | null>(null);
  const now = useNow();
  const { data: me } = useMe();

  return (
    <SettingsSection
      id="people"
      title="People"
      description="Everyone who signs in to this organization, and their role. An organization always keeps at least one admin."
      action={
        <Button variant="primary" onClick={() => setAdding(true)}>
          Add person
        </Button>
      }
    >
      <QueryBody
        query={members}
        what="people"
        isEmpty={(page) => page.data.length === 0}
        empty={{ title: 'Nobody here yet', body: 'Add the people who review, or invite them.' }}
      >
        {(page) => (
          <DataTable
            minWidth="min-w-[44rem]"
            label="People"
            head={['Name', 'Role', 'Status', 'Last seen', 'Added', '']}
          >
            {page.data.map((member) => (
              <MemberRow
                key={member.id}
                member={member}
                isMe={member.id === me?.actor.id}
                now={now}
                onDisable={() => setDisabling(member)}
              />
            ))}
          </DataTable>
        )}
      </QueryBody>
      {adding && <AddPersonDialog onClose={() => setAdding(false)} />}
      {disabling && <DisableMemberDialog member={disabling} onClose={() => setDisabling(null)} />}
    </SettingsSection>
  );
}

function MemberRow({
  member,
  isMe,
  now,
  onDisable,
}: {
  member: Member;
  isMe: boolean;
  now: number;
  onDisable(): void;
}) {
  const update = useUpdateMember();
  const toast = useToast();
  const fail = (title: string) => (error: unknown) =>
    toast({ tone: 'error', title, description: describeSettingsError(error) });

  return (
    <tr>
      <th scope="row" className={`${CELL} text-left font-normal`}>
        <span className="font-medium">{member.display_name}</span>
        {isMe && <span className="text-fg-muted"> (you)</span>}
        <span className="block text-xs text-fg-muted">{member.email}</span>
      </th>
      <td className={CELL}>
        <MemberRoleSelect
          member={member}
          pending={update.isPending}
          onChange={(role: PersonRole) =>
            update.mutate(
              { id: member.id, changes: { role } },
              { onError: fail(`${member.display_name}’s role was not changed`) },
            )
          }
        />
      </td>
      <td className={CELL}>
        {member.disabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>}
      </td>
      <td className={CELL}>
        <Timestamp at={member.last_seen_at} now={now} empty="Never" />
      </td>
      <td className={CELL}>
        <Timestamp at={member.created_at} now={now} />
      </td>
      <td className={`${CELL} text-right`}>
        {member.disabled ? (
          <Button
            size="sm"
            variant="ghost"
            busy={update.isPending}
            aria-label={`Enable ${member.display_name}`}
            onClick={() =>
              update.mutate(
                { id: member.id, changes: { disabled: false } },
                { onError: fail(`${member.display_name} was not enabled`) },
              )
            }
          >
            Enable
          </Button>
        ) : (
          <Button size="sm" variant="ghost" onClick={onDisable} aria-label={`Disable ${member.display_name}`}>
            Disable
          </Button>
        )}
      </td>
    </tr>
  );
}

function DisableMemberDialog({ member, onClose }: { member: Member; onClose(): void }) {
  const update = useUpdateMember();
  const toast = useToast();
  return (
    <ConfirmDialog
      title={`Disable ${member.display_name}?`}
      confirmLabel="Disable"
      pending={update.isPending}
      error={update.error}
      onClose={onClose}
      onConfirm={() =>
        update.mutate(
          { id: member.id, changes: { disabled: true } },
          {
            onSuccess: () => {
              toast({ tone: 'success', title: `${member.display_name} is disabled` });
              onClose();
            },
          },
        )
      }
    >
      <p>
        They are signed out everywhere at once, and every API key acting as them stops working. Their reviews, versions
        and decisions stay as they are. You can enable them again later.
      </p>
    </ConfirmDialog>
  );
}
