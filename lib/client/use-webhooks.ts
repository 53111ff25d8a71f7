'use client';

import { useQuery } from '@tanstack/react-query';
import type { CreateEndpointInput, UpdateEndpointInput } from './api-client';
import { queryKeys } from './query-keys';
import { retryUnlessFinal } from './retry-unless-final';
import { reviewClient } from './review-client';
import { touchedKeys } from './touched-keys';
import { useTouchingMutation } from './use-touching-mutation';

/** How many recent deliveries each endpoint shows. */
export const RECENT_DELIVERIES = 20;
// While an attempt is due, its outcome is seconds away; otherwise new events are the only news.
const PENDING_REFRESH_MS = 2_000;
const IDLE_REFRESH_MS = 15_000;

export function useWebhookEndpoints() {
  return useQuery({
    queryKey: queryKeys.webhookEndpoints,
    queryFn: ({ signal }) => reviewClient.listWebhookEndpoints({ signal }),
    retry: retryUnlessFinal,
  });
}

/** The endpoint's most recent deliveries, read again every few seconds while one is still pending. */
export function useDeliveries(endpointId: string) {
  return useQuery({
    queryKey: queryKeys.deliveries(endpointId),
    queryFn: ({ signal }) => reviewClient.listWebhookDeliveries(endpointId, { limit: RECENT_DELIVERIES }, { signal }),
    retry: retryUnlessFinal,
    refetchInterval: (query) =>
      query.state.data?.data.some((delivery) => delivery.status === 'pending') ? PENDING_REFRESH_MS : IDLE_REFRESH_MS,
  });
}

/** Its result holds the only copy of the signing secret: show it once, then `reset()`. */
export function useCreateWebhookEndpoint() {
  return useTouchingMutation(
    (input: CreateEndpointInput) => reviewClient.createWebhookEndpoint(input),
    touchedKeys.webhookEndpoints,
  );
}

export interface UpdateEndpointRequest {
  id: string;
  changes: UpdateEndpointInput;
}

/** Edit the URL, event types or description, or disable and enable it. */
export function useUpdateWebhookEndpoint() {
  return useTouchingMutation(
    ({ id, changes }: UpdateEndpointRequest) => reviewClient.updateWebhookEndpoint(id, changes),
    touchedKeys.webhookEndpoints,
  );
}

export function useDeleteWebhookEndpoint() {
  return useTouchingMutation((id: string) => reviewClient.deleteWebhookEndpoint(id), touchedKeys.webhookEndpoints);
}

/** Its result holds the only copy of the new secret; the old one keeps signing for 24 hours. */
export function useRotateWebhookSecret() {
  return useTouchingMutation(
    (id: string) => reviewClient.rotateWebhookSecret(id),
    () => [],
  );
}

export function useSendWebhookTest() {
  return useTouchingMutation((id: string) => reviewClient.sendWebhookTest(id), touchedKeys.deliveries);
}

export interface RedeliverRequest {
  deliveryId: string;
  endpointId: string;
}

export function useRedeliverWebhook() {
  return useTouchingMutation(
    ({ deliveryId }: RedeliverRequest) => reviewClient.redeliverWebhook(deliveryId),
    ({ endpointId }) => touchedKeys.deliveries(endpointId),
  );
}
