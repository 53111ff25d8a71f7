'use client';

import { useState } from 'react';
import { useWebhookEndpoints } from '@/lib/client/use-webhooks';
import { Button } from '../ui/button';
import { QueryBody } from '../ui/query-body';
import { EndpointCard } from './endpoint-card';
import { EndpointDialog } from './endpoint-dialog';
import { SettingsSection } from './settings-section';

/** Where decisions go downstream, and whether they arrive. Leads see it read-only. */
export function WebhooksSection({ canManage }: { canManage: boolean }) {
  const endpoints = useWebhookEndpoints();
  const [adding, setAdding] = useState(false);
  const addButton = canManage && (
    <Button variant="primary" onClick={() => setAdding(true)}>
      Add endpoint
    </Button>
  );

  return (
    <SettingsSection
      id="webhooks"
      title="Webhooks"
      description={
        canManage
          ? 'Each endpoint receives the events it subscribes to, signed (Standard Webhooks) and retried with backoff for about a day. A delivery that failed can be sent again.'
          : 'Where events go downstream, and whether they arrive. Only admins change endpoints or redeliver.'
      }
      action={addButton}
    >
      <QueryBody
        query={endpoints}
        what="webhook endpoints"
        isEmpty={(page) => page.data.length === 0}
        empty={{
          title: 'No webhook endpoints',
          body: canManage
            ? 'Add one so that decisions reach your workflow engine the moment they are made.'
            : 'An admin can add one so that decisions reach the workflow engine.',
        }}
      >
        {(page) => (
          <div className="space-y-4">
            {page.data.map((endpoint) => (
              <EndpointCard key={endpoint.id} endpoint={endpoint} canManage={canManage} />
            ))}
          </div>
        )}
      </QueryBody>
      {adding && <EndpointDialog onClose={() => setAdding(false)} />}
    </SettingsSection>
  );
}
