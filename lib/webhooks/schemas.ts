/**
 * Shapes of the webhook administration routes (issue #8): request bodies and queries the routes
 * will parse, and the contract's `WebhookEndpoint` and `Delivery` objects.
 */
import { z } from 'zod';
import { DELIVERY_STATUSES, SUBSCRIBABLE_EVENT_TYPES } from '../domain/enums';

const ZTimestamp = z.string().describe('ISO-8601 UTC with milliseconds, e.g. 2026-05-13T09:02:51.118Z');

export const ZEventType = z.enum(SUBSCRIBABLE_EVENT_TYPES);

const ZEndpointUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
  .max(2000)
  .describe('Where events are POSTed. Loopback, private, link-local and metadata addresses are refused.');

const ZEventTypes = z
  .array(ZEventType)
  .min(1)
  .transform((types) => [...new Set(types)])
  .describe('The event types this endpoint receives.');

const ZDescription = z.string().max(4000);

// ---- requests ------------------------------------------------------------------------------

/** An id the database makes (`new_public_id`): the prefix, then 32 hex digits. */
function publicIdParams(prefix: 'whe' | 'whd', description: string) {
  return z.object({
    id: z
      .string()
      .regex(new RegExp(`^${prefix}_[0-9a-f]{32}$`))
      .meta({ description, example: `${prefix}_0f6c3e2a9b8d4c1e8f7a6b5c4d3e2f10` }),
  });
}

export const ZEndpointParams = publicIdParams('whe', 'The webhook endpoint id (`whe_…`).');
export const ZDeliveryParams = publicIdParams('whd', 'The delivery id (`whd_…`).');

export const ZCreateEndpointBody = z
  .object({
    url: ZEndpointUrl,
    event_types: ZEventTypes.nullish().describe('Default: every event type.'),
    description: ZDescription.nullish(),
  })
  .meta({ id: 'CreateWebhookEndpointRequest' });

export const ZUpdateEndpointBody = z
  .object({
    url: ZEndpointUrl.nullish(),
    event_types: ZEventTypes.nullish(),
    description: ZDescription.nullish().describe('An empty string removes the description.'),
    disabled: z.boolean().nullish(),
  })
  .meta({ id: 'UpdateWebhookEndpointRequest' });

export const ZDeliveryStatus = z.enum(DELIVERY_STATUSES);

export const ZDeliveriesQuery = z.object({
  status: ZDeliveryStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(1000).optional().describe('`next_cursor` of the previous page.'),
});

/** The path of a route about one endpoint or one delivery. */
export type ResourceParams = z.infer<typeof ZEndpointParams>;
export type CreateEndpointBody = z.infer<typeof ZCreateEndpointBody>;
export type UpdateEndpointBody = z.infer<typeof ZUpdateEndpointBody>;
export type DeliveriesQuery = z.infer<typeof ZDeliveriesQuery>;

// ---- responses -----------------------------------------------------------------------------

export const ZWebhookEndpoint = z
  .object({
    id: z.string().describe('whe_…'),
    url: z.string(),
    event_types: z.array(ZEventType),
    description: z.string().nullable(),
    disabled: z.boolean(),
    created_at: ZTimestamp,
  })
  .meta({ id: 'WebhookEndpoint' });

export const ZEndpointSecret = z
  .object({ secret: z.string().describe('whsec_<base64>: shown only once.') })
  .meta({ id: 'WebhookEndpointSecret' });

export const ZCreatedEndpoint = ZWebhookEndpoint.extend(ZEndpointSecret.shape).meta({ id: 'CreatedWebhookEndpoint' });

export const ZEndpointList = z.object({ data: z.array(ZWebhookEndpoint) }).meta({ id: 'WebhookEndpointList' });

export const ZDelivery = z
  .object({
    id: z.string().describe('whd_…'),
    event_id: z.string().describe('evt_…, the webhook-id of every attempt'),
    event_type: z.string(),
    endpoint_id: z.string(),
    status: ZDeliveryStatus,
    attempts: z.number().int(),
    last_attempt_at: ZTimestamp.nullable(),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable(),
    next_attempt_at: ZTimestamp.nullable(),
    delivered_at: ZTimestamp.nullable(),
    created_at: ZTimestamp,
  })
  .meta({ id: 'Delivery' });

export const ZDeliveryPage = z
  .object({ data: z.array(ZDelivery), has_more: z.boolean(), next_cursor: z.string().nullable() })
  .meta({ id: 'DeliveryPage' });

export type WebhookEndpoint = z.infer<typeof ZWebhookEndpoint>;
export type CreatedEndpoint = z.infer<typeof ZCreatedEndpoint>;
export type EndpointList = z.infer<typeof ZEndpointList>;
export type EndpointSecret = z.infer<typeof ZEndpointSecret>;
export type Delivery = z.infer<typeof ZDelivery>;
export type DeliveryPage = z.infer<typeof ZDeliveryPage>;
