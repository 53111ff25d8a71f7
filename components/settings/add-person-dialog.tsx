'use client';

import { useId, useState } from 'react';
import { useCreateMember } from '@/lib/client/use-members';
import { PERSON_ROLES, type PersonRole } from '@/lib/domain/enums';
import { ReviewDialog } from '../review/review-dialog';
import { OneTimeSecret } from './one-time-secret';
import { ROLE_OPTIONS } from './role-labels';
import { SelectField } from './select-field';
import { FormError } from './settings-error';
import { TextField } from './text-field';

const PERSON_ROLE_OPTIONS = ROLE_OPTIONS.filter((option) =>
  (PERSON_ROLES as readonly string[]).includes(option.value),
) as { value: PersonRole; label: string; hint: string }[];

/**
 * Adds a person who signs in with a password: one set here, or (the default) one they choose
 * through a one-use invite link, which is shown once, like a key.
 */
export function AddPersonDialog({ onClose }: { onClose(): void }) {
  const ids = useId();
  const create = useCreateMember();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<PersonRole>('reviewer');
  const [withPassword, setWithPassword] = useState(false);
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<string | null>(null);

  const close = () => {
    create.reset();
    onClose();
  };

  const inviteUrl = create.data?.invite_url;
  if (create.data && inviteUrl) {
    return (
      <ReviewDialog title={`${create.data.display_name} is invited`} onClose={close}>
        <p>
          Send this link to {create.data.email}. It works once and expires in 7 days: opening it lets them choose a
          password and sign in.
        </p>
        <OneTimeSecret
          label="Invite link"
          value={inviteUrl}
          warning="This is the only time the link is shown. Copy it now: once you close this dialog it cannot be seen again."
        />
      </ReviewDialog>
    );
  }

  const submit = () => {
    if (!email.trim() || !displayName.trim() || (withPassword && !password)) {
      setMissing(withPassword ? 'Fill in the email, the name and the password.' : 'Fill in the email and the name.');
      return;
    }
    setMissing(null);
    create.mutate(
      {
        email: email.trim(),
        display_name: displayName.trim(),
        role,
        ...(withPassword ? { password } : {}),
      },
      // With a password there is nothing to show once: the person is in the list.
      { onSuccess: (member) => (member.invite_url ? undefined : close()) },
    );
  };

  return (
    <ReviewDialog
      title="Add a person"
      onClose={close}
      confirm={{
        label: withPassword ? 'Add person' : 'Add and get invite link',
        pending: create.isPending,
        onConfirm: submit,
      }}
    >
      <TextField
        id={`${ids}-email`}
        label="Email"
        type="email"
        required
        autoFocus
        value={email}
        onValueChange={setEmail}
        maxLength={320}
      />
      <TextField
        id={`${ids}-name`}
        label="Name"
        required
        value={displayName}
        onValueChange={setDisplayName}
        hint="Shown on everything they do."
        maxLength={200}
      />
      <SelectField id={`${ids}-role`} label="Role" value={role} options={PERSON_ROLE_OPTIONS} onValueChange={setRole} />
      <fieldset className="space-y-1.5">
        <legend className="font-medium">Password</legend>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name={`${ids}-password`}
            checked={!withPassword}
            onChange={() => setWithPassword(false)}
          />
          They choose one, through an invite link
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name={`${ids}-password`} checked={withPassword} onChange={() => setWithPassword(true)} />
          Set one now
        </label>
      </fieldset>
      {withPassword && (
        <TextField
          id={`${ids}-password-value`}
          label="Password"
          type="password"
          required
          value={password}
          onValueChange={setPassword}
          maxLength={1000}
        />
      )}
      {missing && (
        <p role="alert" className="text-sm text-danger">
          {missing}
        </p>
      )}
      <FormError error={create.error} />
    </ReviewDialog>
  );
}
