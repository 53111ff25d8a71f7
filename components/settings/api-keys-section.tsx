'use client';

import { useState } from 'react';
import type { ApiKey } from '@/lib/admin/schemas';
import { useApiKeys, useRevokeApiKey } from '@/lib/client/use-api-keys';
import { useNow } from '@/lib/client/use-now';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { CELL, DataTable } from '../ui/data-table';
import { QueryBody } from '../ui/query-body';
import { useToast } from '../ui/toast';
import { ConfirmDialog } from './confirm-dialog';
import { CreateApiKeyDialog } from './create-api-key-dialog';
import { ROLE_LABELS } from './role-labels';
import { SettingsSection } from './settings-section';
import { Timestamp } from './timestamp';

export function ApiKeysSection() {
  const keys = useApiKeys();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const now = useNow();
  const createButton = (
    <Button variant="primary" onClick={() => setCreating(true)}>
      Create API key
    </Button>
  );

  return (
    <SettingsSection
      id="api-keys"
      title="API keys"
      description="Keys let workflow engines, agents and scripts call the API. Only a key’s prefix is kept in view; the key itself was shown once, when it was created."
      action={createButton}
    >
      <QueryBody
        query={keys}
        what="API keys"
        isEmpty={(page) => page.data.length === 0}
        empty={{ title: 'No API keys yet', body: 'Create one for each workflow engine or agent that calls the API.' }}
      >
        {(page) => (
          <DataTable
            minWidth="min-w-[44rem]"
            label="API keys"
            head={['Name', 'Prefix', 'Acts as', 'Role', 'Created', 'Last used', 'Status', '']}
          >
            {page.data.map((key) => (
              <ApiKeyRow key={key.id} apiKey={key} now={now} onRevoke={() => setRevoking(key)} />
            ))}
          </DataTable>
        )}
      </QueryBody>
      {creating && <CreateApiKeyDialog onClose={() => setCreating(false)} />}
      {revoking && <RevokeApiKeyDialog apiKey={revoking} onClose={() => setRevoking(null)} />}
    </SettingsSection>
  );
}

function ApiKeyRow({ apiKey, now, onRevoke }: { apiKey: ApiKey; now: number; onRevoke(): void }) {
  return (
    <tr>
      <th scope="row" className={`${CELL} text-left font-medium`}>
        {apiKey.name}
      </th>
      <td className={`${CELL} font-mono text-xs`}>{apiKey.prefix}…</td>
      <td className={CELL}>
        {apiKey.actor.display_name} <span className="text-xs text-fg-muted">({apiKey.actor.kind})</span>
      </td>
      <td className={CELL}>{ROLE_LABELS[apiKey.role]}</td>
      <td className={CELL}>
        <Timestamp at={apiKey.created_at} now={now} />
      </td>
      <td className={CELL}>
        <Timestamp at={apiKey.last_used_at} now={now} empty="Never" />
      </td>
      <td className={CELL}>
        {apiKey.revoked_at ? (
          <span className="flex items-center gap-1.5">
            <Badge tone="danger">Revoked</Badge>
            <Timestamp at={apiKey.revoked_at} now={now} />
          </span>
        ) : (
          <Badge tone="success">Active</Badge>
        )}
      </td>
      <td className={`${CELL} text-right`}>
        {!apiKey.revoked_at && (
          <Button size="sm" variant="ghost" onClick={onRevoke} aria-label={`Revoke ${apiKey.name}`}>
            Revoke
          </Button>
        )}
      </td>
    </tr>
  );
}

function RevokeApiKeyDialog({ apiKey, onClose }: { apiKey: ApiKey; onClose(): void }) {
  const revoke = useRevokeApiKey();
  const toast = useToast();
  return (
    <ConfirmDialog
      title={`Revoke “${apiKey.name}”?`}
      confirmLabel="Revoke key"
      pending={revoke.isPending}
      error={revoke.error}
      onClose={onClose}
      onConfirm={() =>
        revoke.mutate(apiKey.id, {
          onSuccess: () => {
            toast({ tone: 'success', title: `Key “${apiKey.name}” revoked` });
            onClose();
          },
        })
      }
    >
      <p>
        Its very next request is refused with <span className="font-mono">401</span>. Whatever uses the key (
        <span className="font-mono">{apiKey.prefix}…</span>) stops working at once. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
