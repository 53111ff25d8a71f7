'use client';

import { useNow } from '@/lib/client/use-now';
import { RECENT_DELIVERIES, useDeliveries, useRedeliverWebhook } from '@/lib/client/use-webhooks';
import type { Delivery } from '@/lib/webhooks/schemas';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { CELL, DataTable } from '../ui/data-table';
import { QueryBody } from '../ui/query-body';
import { useToast } from '../ui/toast';
import { deliveryStatusOf } from './delivery-status';
import { describeSettingsError } from './settings-error';
import { Timestamp } from './timestamp';

/** The endpoint's recent deliveries: how each went, what comes next, and (for admins) a way to send it again. */
export function DeliveriesTable({ endpointId, canManage }: { endpointId: string; canManage: boolean }) {
  const deliveries = useDeliveries(endpointId);
  const now = useNow(5_000);
  return (
    <QueryBody
      query={deliveries}
      what="deliveries"
      isEmpty={(page) => page.data.length === 0}
      empty={{
        title: 'No deliveries yet',
        body: 'Each event this endpoint subscribes to shows here as it is sent. Send a test event to try it.',
      }}
    >
      {(page) => (
        <>
          <DataTable
            minWidth="min-w-[44rem]"
            label="Recent deliveries"
            head={[
              'Event',
              'Status',
              'Code',
              'Attempts',
              'Last attempt',
              'Next attempt',
              'Last error',
              ...(canManage ? [''] : []),
            ]}
          >
            {page.data.map((delivery) => (
              <DeliveryRow key={delivery.id} delivery={delivery} now={now} canManage={canManage} />
            ))}
          </DataTable>
          {page.has_more && (
            <p className="text-xs text-fg-muted">The {RECENT_DELIVERIES} most recent deliveries are shown.</p>
          )}
        </>
      )}
    </QueryBody>
  );
}

function DeliveryRow({ delivery, now, canManage }: { delivery: Delivery; now: number; canManage: boolean }) {
  const status = deliveryStatusOf(delivery);
  return (
    <tr data-delivery-id={delivery.id}>
      <th scope="row" className={`${CELL} text-left font-normal`}>
        <span className="font-mono text-xs font-medium">{delivery.event_type}</span>
        <span className="block font-mono text-xs text-fg-muted">{delivery.event_id}</span>
      </th>
      <td className={CELL}>
        <Badge tone={status.tone}>{status.label}</Badge>
      </td>
      <td className={`${CELL} font-mono text-xs`}>{delivery.last_status_code ?? '—'}</td>
      <td className={CELL}>{delivery.attempts}</td>
      <td className={CELL}>
        <Timestamp at={delivery.last_attempt_at} now={now} empty="Not yet" />
      </td>
      <td className={CELL}>
        <Timestamp at={delivery.next_attempt_at} now={now} />
      </td>
      <td className={`${CELL} max-w-64`}>
        {delivery.last_error ? (
          <span className="line-clamp-2 text-xs wrap-anywhere" title={delivery.last_error}>
            {delivery.last_error}
          </span>
        ) : (
          <span className="text-fg-muted">—</span>
        )}
      </td>
      {canManage && (
        <td className={`${CELL} text-right`}>
          <RedeliverButton delivery={delivery} />
        </td>
      )}
    </tr>
  );
}

function RedeliverButton({ delivery }: { delivery: Delivery }) {
  const redeliver = useRedeliverWebhook();
  const toast = useToast();
  return (
    <Button
      size="sm"
      busy={redeliver.isPending}
      aria-label={`Redeliver ${delivery.event_type} ${delivery.event_id}`}
      onClick={() =>
        redeliver.mutate(
          { deliveryId: delivery.id, endpointId: delivery.endpoint_id },
          {
            onSuccess: () =>
              toast({
                tone: 'success',
                title: 'Redelivery queued',
                description: `Same webhook-id, ${delivery.event_id}.`,
              }),
            onError: (error) =>
              toast({ tone: 'error', title: 'Not redelivered', description: describeSettingsError(error) }),
          },
        )
      }
    >
      Redeliver
    </Button>
  );
}
