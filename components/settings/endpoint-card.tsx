'use client';

import { useState } from 'react';
import { useDeleteWebhookEndpoint, useSendWebhookTest, useUpdateWebhookEndpoint } from '@/lib/client/use-webhooks';
import type { WebhookEndpoint } from '@/lib/webhooks/schemas';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { useToast } from '../ui/toast';
import { ConfirmDialog } from './confirm-dialog';
import { DeliveriesTable } from './deliveries-table';
import { EndpointDialog } from './endpoint-dialog';
import { RotateSecretDialog } from './rotate-secret-dialog';
import { describeSettingsError } from './settings-error';

type OpenDialog = 'edit' | 'rotate' | 'delete' | null;

/** One endpoint: where it sends, what, whether it is on, its actions (admins) and its recent deliveries. */
export function EndpointCard({ endpoint, canManage }: { endpoint: WebhookEndpoint; canManage: boolean }) {
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const headingId = `endpoint-${endpoint.id}`;
  return (
    <article aria-labelledby={headingId} className="space-y-3 rounded-lg border border-line p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <h3 id={headingId} className="font-mono text-sm font-semibold break-all">
              {endpoint.url}
            </h3>
            {endpoint.disabled ? <Badge tone="neutral">Disabled</Badge> : <Badge tone="success">Enabled</Badge>}
          </div>
          {endpoint.description && <p className="text-sm text-fg-muted">{endpoint.description}</p>}
          <p className="text-xs text-fg-muted">
            <span className="sr-only">Sends: </span>
            {endpoint.event_types.join(' · ')}
          </p>
        </div>
        {canManage && <EndpointActions endpoint={endpoint} onOpen={setDialog} />}
      </div>
      <h4 className="text-xs font-semibold tracking-wide text-fg-muted uppercase">Recent deliveries</h4>
      <DeliveriesTable endpointId={endpoint.id} canManage={canManage} />
      {dialog === 'edit' && <EndpointDialog endpoint={endpoint} onClose={() => setDialog(null)} />}
      {dialog === 'rotate' && <RotateSecretDialog endpoint={endpoint} onClose={() => setDialog(null)} />}
      {dialog === 'delete' && <DeleteEndpointDialog endpoint={endpoint} onClose={() => setDialog(null)} />}
    </article>
  );
}

function EndpointActions({ endpoint, onOpen }: { endpoint: WebhookEndpoint; onOpen(dialog: OpenDialog): void }) {
  const update = useUpdateWebhookEndpoint();
  const sendTest = useSendWebhookTest();
  const toast = useToast();
  const onError = (title: string) => (error: unknown) =>
    toast({ tone: 'error', title, description: describeSettingsError(error) });

  return (
    <div className="flex flex-wrap gap-1.5">
      <Button
        size="sm"
        busy={sendTest.isPending}
        disabled={endpoint.disabled}
        title={endpoint.disabled ? 'Enable the endpoint to send it events' : undefined}
        onClick={() =>
          sendTest.mutate(endpoint.id, {
            onSuccess: () =>
              toast({ tone: 'success', title: 'Test event queued', description: 'It shows below as it is sent.' }),
            onError: onError('Test event not sent'),
          })
        }
      >
        Send test event
      </Button>
      <Button size="sm" onClick={() => onOpen('edit')}>
        Edit
      </Button>
      <Button size="sm" onClick={() => onOpen('rotate')}>
        Rotate secret
      </Button>
      <Button
        size="sm"
        busy={update.isPending}
        onClick={() =>
          update.mutate(
            { id: endpoint.id, changes: { disabled: !endpoint.disabled } },
            { onError: onError(endpoint.disabled ? 'Endpoint not enabled' : 'Endpoint not disabled') },
          )
        }
      >
        {endpoint.disabled ? 'Enable' : 'Disable'}
      </Button>
      <Button size="sm" variant="ghost" onClick={() => onOpen('delete')}>
        Delete
      </Button>
    </div>
  );
}

function DeleteEndpointDialog({ endpoint, onClose }: { endpoint: WebhookEndpoint; onClose(): void }) {
  const remove = useDeleteWebhookEndpoint();
  const toast = useToast();
  return (
    <ConfirmDialog
      title="Delete this endpoint?"
      confirmLabel="Delete endpoint"
      pending={remove.isPending}
      error={remove.error}
      onClose={onClose}
      onConfirm={() =>
        remove.mutate(endpoint.id, {
          onSuccess: () => {
            toast({ tone: 'success', title: 'Endpoint deleted' });
            onClose();
          },
        })
      }
    >
      <p className="break-all">
        Nothing more is sent to <span className="font-mono">{endpoint.url}</span>, its pending deliveries are dropped,
        and its delivery history goes with it. This cannot be undone; to pause it instead, disable it.
      </p>
    </ConfirmDialog>
  );
}
