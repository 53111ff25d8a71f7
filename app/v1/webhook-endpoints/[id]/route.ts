import { handle } from '@/lib/http/api-route';
import { deleteEndpoint, updateEndpoint } from '@/lib/webhooks/endpoints';
import { deleteWebhookEndpointRoute, updateWebhookEndpointRoute } from '@/lib/webhooks/routes';

export const PATCH = handle(updateWebhookEndpointRoute, updateEndpoint);
export const DELETE = handle(deleteWebhookEndpointRoute, deleteEndpoint);
