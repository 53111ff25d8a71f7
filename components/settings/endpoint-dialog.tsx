'use client';

import { useId, useState } from 'react';
import { useCreateWebhookEndpoint, useUpdateWebhookEndpoint } from '@/lib/client/use-webhooks';
import { SUBSCRIBABLE_EVENT_TYPES, type SubscribableEventType } from '@/lib/domain/enums';
import type { WebhookEndpoint } from '@/lib/webhooks/schemas';
import { ReviewDialog } from '../review/review-dialog';
import { TEXT_LIMIT } from '../review/textarea-field';
import { useToast } from '../ui/toast';
import { EVENT_TYPE_HINTS } from './event-type-labels';
import { OneTimeSecret } from './one-time-secret';
import { FormError } from './settings-error';
import { TextField } from './text-field';

/** Where to send which events. Without `endpoint` it adds one and then shows its signing secret once. */
export function EndpointDialog({ endpoint, onClose }: { endpoint?: WebhookEndpoint; onClose(): void }) {
  const ids = useId();
  const create = useCreateWebhookEndpoint();
  const update = useUpdateWebhookEndpoint();
  const toast = useToast();
  const [url, setUrl] = useState(endpoint?.url ?? '');
  const [description, setDescription] = useState(endpoint?.description ?? '');
  const [types, setTypes] = useState<SubscribableEventType[]>(endpoint?.event_types ?? [...SUBSCRIBABLE_EVENT_TYPES]);
  const [problem, setProblem] = useState<string | null>(null);
  const mutation = endpoint ? update : create;

  const close = () => {
    create.reset();
    onClose();
  };

  if (create.data) {
    return (
      <ReviewDialog title="Endpoint added" onClose={close}>
        <p className="break-all">
          Events now go to <span className="font-mono">{create.data.url}</span>, signed with this secret (Standard
          Webhooks). Your receiver needs it to check that a request comes from here.
        </p>
        <OneTimeSecret
          label="Signing secret"
          value={create.data.secret}
          warning="This is the only time the secret is shown. Copy it to your receiver now: once you close this dialog, nobody can see it again (you can rotate it for a new one)."
        />
      </ReviewDialog>
    );
  }

  const submit = () => {
    if (!url.trim()) return setProblem('Enter the URL to send events to.');
    if (types.length === 0) return setProblem('Choose at least one event type.');
    setProblem(null);
    const fields = { url: url.trim(), event_types: types, description: description.trim() };
    if (endpoint) {
      update.mutate(
        { id: endpoint.id, changes: fields },
        {
          onSuccess: () => {
            toast({ tone: 'success', title: 'Endpoint saved' });
            onClose();
          },
        },
      );
    } else {
      create.mutate({ ...fields, description: fields.description || null });
    }
  };

  const toggle = (type: SubscribableEventType, on: boolean) =>
    setTypes((current) =>
      on
        ? SUBSCRIBABLE_EVENT_TYPES.filter((t) => t === type || current.includes(t))
        : current.filter((t) => t !== type),
    );

  return (
    <ReviewDialog
      title={endpoint ? 'Edit endpoint' : 'Add a webhook endpoint'}
      description={
        endpoint
          ? undefined
          : 'Each event is POSTed to the URL, signed, and retried for about a day until it answers 2xx.'
      }
      onClose={close}
      confirm={{ label: endpoint ? 'Save' : 'Add endpoint', pending: mutation.isPending, onConfirm: submit }}
    >
      <TextField
        id={`${ids}-url`}
        label="URL"
        type="url"
        required
        autoFocus
        value={url}
        onValueChange={setUrl}
        placeholder="https://example.com/hooks/review-inbox"
        maxLength={2000}
      />
      <TextField
        id={`${ids}-description`}
        label="Description"
        value={description}
        onValueChange={setDescription}
        placeholder="Resumes runs in the workflow engine"
        maxLength={TEXT_LIMIT}
      />
      <fieldset className="space-y-1.5">
        <legend className="font-medium">Events to send</legend>
        {SUBSCRIBABLE_EVENT_TYPES.map((type) => (
          <label key={type} className="flex items-baseline gap-2">
            <input
              type="checkbox"
              checked={types.includes(type)}
              onChange={(event) => toggle(type, event.target.checked)}
            />
            <span>
              <span className="font-mono text-xs">{type}</span>{' '}
              <span className="text-fg-muted">— {EVENT_TYPE_HINTS[type]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {problem && (
        <p role="alert" className="text-sm text-danger">
          {problem}
        </p>
      )}
      <FormError error={mutation.error} />
    </ReviewDialog>
  );
}
