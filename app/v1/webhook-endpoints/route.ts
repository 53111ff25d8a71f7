import { handle } from '@/lib/http/api-route';
import { createEndpoint, listEndpoints } from '@/lib/webhooks/endpoints';
import { createWebhookEndpointRoute, listWebhookEndpointsRoute } from '@/lib/webhooks/routes';

export const GET = handle(listWebhookEndpointsRoute, listEndpoints);
export const POST = handle(createWebhookEndpointRoute, createEndpoint);
