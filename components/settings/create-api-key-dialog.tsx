'use client';

import { useId, useState } from 'react';
import { useCreateApiKey } from '@/lib/client/use-api-keys';
import type { ActorKind, Role } from '@/lib/domain/enums';
import { ReviewDialog } from '../review/review-dialog';
import { OneTimeSecret } from './one-time-secret';
import { KIND_OPTIONS, ROLE_OPTIONS } from './role-labels';
import { SelectField } from './select-field';
import { FormError } from './settings-error';
import { TextField } from './text-field';

/**
 * Names a new key, then shows it once. Closing forgets it: the mutation is reset, so the key is
 * kept nowhere in the page or its cache.
 */
export function CreateApiKeyDialog({ onClose }: { onClose(): void }) {
  const ids = useId();
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ActorKind>('agent');
  const [role, setRole] = useState<Role>('integration');
  const [blank, setBlank] = useState(false);

  const close = () => {
    create.reset();
    onClose();
  };

  if (create.data) {
    return (
      <ReviewDialog title={`Key “${create.data.name}” created`} onClose={close}>
        <OneTimeSecret
          label="API key"
          value={create.data.key}
          warning="This is the only time the key is shown. Copy it into your secret store now: once you close this dialog, nobody can see it again. If it is lost, revoke it and create another."
        />
      </ReviewDialog>
    );
  }

  return (
    <ReviewDialog
      title="Create an API key"
      description="A key acts as its own actor, with the role you give it. It is shown once, right after it is created."
      onClose={close}
      confirm={{
        label: 'Create key',
        pending: create.isPending,
        onConfirm: () => {
          if (name.trim() === '') return setBlank(true);
          create.mutate({ name: name.trim(), kind, role });
        },
      }}
    >
      <TextField
        id={`${ids}-name`}
        label="Name"
        required
        autoFocus
        value={name}
        onValueChange={(value) => {
          setName(value);
          setBlank(false);
        }}
        placeholder="CI pipeline"
        hint="Shown as the author of everything the key does."
        maxLength={200}
      />
      {blank && (
        <p role="alert" className="text-sm text-danger">
          Give the key a name.
        </p>
      )}
      <SelectField id={`${ids}-kind`} label="Kind" value={kind} options={KIND_OPTIONS} onValueChange={setKind} />
      <SelectField id={`${ids}-role`} label="Role" value={role} options={ROLE_OPTIONS} onValueChange={setRole} />
      <FormError error={create.error} />
    </ReviewDialog>
  );
}
