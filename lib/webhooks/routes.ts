/** The webhook administration routes: endpoints, their deliveries, redelivery. */
import { defineRoute } from '../http/define-route';
import { JITTER, RETRY_DELAYS_MS } from './retry-schedule';
import {
  ZCreatedEndpoint,
  ZCreateEndpointBody,
  ZDeliveriesQuery,
  ZDelivery,
  ZDeliveryPage,
  ZDeliveryParams,
  ZEndpointList,
  ZEndpointParams,
  ZEndpointSecret,
  ZUpdateEndpointBody,
  ZWebhookEndpoint,
} from './schemas';
import { DELIVERY_TIMEOUT_MS } from './send';

const TAG = 'Webhooks';

/** `5 s, 30 s, 2 min, …, 12 h`: the documentation reads the schedule the dispatcher follows. */
function describeDelay(ms: number): string {
  if (ms < 60_000) return `${ms / 1000} s`;
  if (ms < 3_600_000) return `${ms / 60_000} min`;
  return `${ms / 3_600_000} h`;
}
const RETRY_SCHEDULE = `about ${RETRY_DELAYS_MS.map(describeDelay).join(', ')} (±${JITTER * 100} %)`;
const ENDPOINT = '/v1/webhook-endpoints/{id}';
const PRIVATE_URLS =
  'A URL that resolves to a loopback, private, link-local or metadata address is `422` unless the server runs with `WEBHOOK_ALLOW_PRIVATE_URLS=true` (the default of `npm run dev` and the demo).';

export const listWebhookEndpointsRoute = defineRoute({
  name: 'listWebhookEndpoints',
  method: 'GET',
  path: '/v1/webhook-endpoints',
  tag: TAG,
  action: 'read_webhooks',
  summary: 'List webhook endpoints',
  description:
    'Every webhook endpoint of the organization, oldest first, without secrets. Leads may read endpoints and their deliveries too, to watch the webhooks’ health (an extension to the contract, whose webhook routes are admin-only); only admins change them.',
  response: ZEndpointList,
  success: [{ status: 200, description: 'The endpoints.' }],
  errors: [],
});

export const createWebhookEndpointRoute = defineRoute({
  name: 'createWebhookEndpoint',
  method: 'POST',
  path: '/v1/webhook-endpoints',
  tag: TAG,
  action: 'manage_webhooks',
  summary: 'Add a webhook endpoint',
  description: `Events of the types in \`event_types\` (default: every type) committed from now on are POSTed to \`url\`, signed Standard Webhooks style with the endpoint's secret. The answer is the only one that shows the secret (\`whsec_<base64>\`). ${PRIVATE_URLS}`,
  body: ZCreateEndpointBody,
  bodyExample: { url: 'https://hooks.example.com/review-inbox', event_types: ['review.decided'], description: 'ERP' },
  response: ZCreatedEndpoint,
  success: [{ status: 201, description: 'The endpoint, with its secret: shown this once.' }],
  errors: [],
  reply: (endpoint) => ({ status: 201, body: endpoint }),
});

export const updateWebhookEndpointRoute = defineRoute({
  name: 'updateWebhookEndpoint',
  method: 'PATCH',
  path: ENDPOINT,
  tag: TAG,
  action: 'manage_webhooks',
  summary: 'Edit or disable a webhook endpoint',
  description: `Changes only the fields sent; an empty \`description\` removes it. A disabled endpoint gets no delivery of events committed while it is disabled; its pending deliveries wait and resume when it is enabled again. ${PRIVATE_URLS}`,
  params: ZEndpointParams,
  body: ZUpdateEndpointBody,
  bodyExample: { disabled: true },
  response: ZWebhookEndpoint,
  success: [{ status: 200, description: 'The endpoint as it is now.' }],
  errors: [],
});

export const deleteWebhookEndpointRoute = defineRoute({
  name: 'deleteWebhookEndpoint',
  method: 'DELETE',
  path: ENDPOINT,
  tag: TAG,
  action: 'manage_webhooks',
  summary: 'Delete a webhook endpoint',
  description: 'Deletes the endpoint and its deliveries; an attempt already under way finishes first.',
  params: ZEndpointParams,
  success: [{ status: 204, description: 'Deleted.' }],
  errors: [],
  reply: () => new Response(null, { status: 204 }),
});

export const rotateWebhookSecretRoute = defineRoute({
  name: 'rotateWebhookSecret',
  method: 'POST',
  path: `${ENDPOINT}/rotate-secret`,
  tag: TAG,
  action: 'manage_webhooks',
  summary: 'Rotate a webhook endpoint’s secret',
  description:
    'A new secret, shown this once. For 24 hours every delivery carries two signatures, one per secret (space-separated in `webhook-signature`), so the receiver can switch at its own pace.',
  params: ZEndpointParams,
  response: ZEndpointSecret,
  success: [{ status: 200, description: 'The new secret.' }],
  errors: [],
});

export const sendWebhookTestRoute = defineRoute({
  name: 'sendWebhookTest',
  method: 'POST',
  path: `${ENDPOINT}/test`,
  tag: TAG,
  action: 'manage_webhooks',
  summary: 'Send a test event',
  description:
    'Queues a `webhook.test` event (`data: { "endpoint_id" }`) to this endpoint alone and answers its delivery, to follow under the endpoint’s deliveries. A disabled endpoint is `409 endpoint_disabled`.',
  params: ZEndpointParams,
  response: ZDelivery,
  success: [{ status: 202, description: 'Queued: the new delivery.' }],
  errors: ['endpoint_disabled'],
  reply: (delivery) => ({ status: 202, body: delivery }),
});

export const listWebhookDeliveriesRoute = defineRoute({
  name: 'listWebhookDeliveries',
  method: 'GET',
  path: `${ENDPOINT}/deliveries`,
  tag: TAG,
  action: 'read_webhooks',
  summary: 'List an endpoint’s deliveries',
  description: `One event to this endpoint each, newest first, in keyset pages (\`next_cursor\`), optionally of one \`status\`. A delivery is \`delivered\` on a 2xx answer within ${DELIVERY_TIMEOUT_MS / 1000} s; otherwise it is retried ${RETRY_SCHEDULE} after each failure, then \`failed\`. Leads may read it too.`,
  params: ZEndpointParams,
  query: ZDeliveriesQuery,
  queryExample: { status: 'failed', limit: '20' },
  response: ZDeliveryPage,
  success: [{ status: 200, description: 'One page of deliveries.' }],
  errors: [],
});

export const redeliverWebhookRoute = defineRoute({
  name: 'redeliverWebhook',
  method: 'POST',
  path: '/v1/webhook-deliveries/{id}/redeliver',
  tag: TAG,
  action: 'manage_webhooks',
  summary: 'Redeliver',
  description:
    'Makes the delivery due now with a fresh retry schedule: a new attempt of the same event, with the same `webhook-id`, whatever its status. An attempt already under way is left to finish. The endpoint must be enabled (`409 endpoint_disabled`).',
  params: ZDeliveryParams,
  response: ZDelivery,
  success: [{ status: 202, description: 'Queued: the delivery as it is now.' }],
  errors: ['endpoint_disabled'],
  reply: (delivery) => ({ status: 202, body: delivery }),
});

export const WEBHOOK_ROUTES = [
  listWebhookEndpointsRoute,
  createWebhookEndpointRoute,
  updateWebhookEndpointRoute,
  deleteWebhookEndpointRoute,
  rotateWebhookSecretRoute,
  sendWebhookTestRoute,
  listWebhookDeliveriesRoute,
  redeliverWebhookRoute,
];
