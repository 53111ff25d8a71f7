/**
 * The webhook administration of one organization, one function per route of the contract's
 * "Downstream delivery" table (specs in routes.ts, whose actions the route wrapper checks). Each
 * takes the caller and the parsed input and throws the contract's refusals: 404 for another
 * organization's endpoint or delivery (exactly like a missing one), 409 endpoint_disabled,
 * 422 validation_error.
 */

import type { Caller } from '../auth/authorization';
import { notify } from '../db/notifications';
import { prisma } from '../db/prisma';
import { SUBSCRIBABLE_EVENT_TYPES } from '../domain/enums';
import { env } from '../env';
import { AppError, validationError } from '../errors';
import { type Clock, systemClock } from '../reviews/service';
import { ipLiteralOf, isPrivateAddress, PrivateAddressError, resolvePublicAddresses } from './private-address';
import type {
  CreatedEndpoint,
  CreateEndpointBody,
  DeliveriesQuery,
  Delivery,
  DeliveryPage,
  EndpointList,
  EndpointSecret,
  ResourceParams,
  UpdateEndpointBody,
  WebhookEndpoint,
} from './schemas';
import { newEndpointSecret, PREVIOUS_SECRET_GRACE_MS } from './signature';
import { wireDelivery, wireEndpoint } from './wire';

export interface UrlPolicy {
  /** Defaults to WEBHOOK_ALLOW_PRIVATE_URLS. */
  allowPrivateUrls?: boolean;
}

function endpointNotFound(id: string): AppError {
  return new AppError('not_found', `no webhook endpoint ${id}`);
}

/** Refuses (422 on `url`) an address a delivery could not be sent to. */
async function checkEndpointUrl(
  url: string,
  { allowPrivateUrls = env.WEBHOOK_ALLOW_PRIVATE_URLS ?? false }: UrlPolicy,
) {
  if (allowPrivateUrls) return;
  const parsed = new URL(url);
  const refuse = (message: string) => validationError([{ path: ['url'], message }]);
  const literal = ipLiteralOf(parsed);
  if (literal) {
    if (isPrivateAddress(literal)) throw refuse(new PrivateAddressError(parsed.hostname, literal).message);
    return;
  }
  try {
    await resolvePublicAddresses(parsed.hostname);
  } catch (error) {
    throw refuse(error instanceof PrivateAddressError ? error.message : `${parsed.hostname} cannot be resolved`);
  }
}

async function findEndpoint(caller: Caller, id: string) {
  const endpoint = await prisma.webhookEndpoint.findFirst({ where: { id, organizationId: caller.organizationId } });
  if (!endpoint) throw endpointNotFound(id);
  return endpoint;
}

export async function listEndpoints(caller: Caller): Promise<EndpointList> {
  const rows = await prisma.webhookEndpoint.findMany({
    where: { organizationId: caller.organizationId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return { data: rows.map(wireEndpoint) };
}

/** The only answer that shows the new endpoint's secret. */
export async function createEndpoint(
  caller: Caller,
  body: CreateEndpointBody,
  policy: UrlPolicy = {},
): Promise<CreatedEndpoint> {
  await checkEndpointUrl(body.url, policy);
  const row = await prisma.webhookEndpoint.create({
    data: {
      organizationId: caller.organizationId,
      url: body.url,
      eventTypes: body.event_types ?? [...SUBSCRIBABLE_EVENT_TYPES],
      description: body.description || null,
      secret: newEndpointSecret(),
    },
  });
  return { ...wireEndpoint(row), secret: row.secret };
}

/**
 * Changes only what the body names. Re-enabling an endpoint resumes its pending deliveries;
 * disabling one holds them (they stay pending) and gives it no delivery of later events.
 */
export async function updateEndpoint(
  caller: Caller,
  { id }: ResourceParams,
  body: UpdateEndpointBody,
  policy: UrlPolicy = {},
  clock: Clock = systemClock,
): Promise<WebhookEndpoint> {
  if (body.url != null) await checkEndpointUrl(body.url, policy);
  const updated = await prisma.webhookEndpoint.updateMany({
    where: { id, organizationId: caller.organizationId },
    data: {
      url: body.url ?? undefined,
      eventTypes: body.event_types ?? undefined,
      description: body.description == null ? undefined : body.description || null,
      disabled: body.disabled ?? undefined,
      updatedAt: clock(),
    },
  });
  if (updated.count === 0) throw endpointNotFound(id);
  if (body.disabled === false) await notify('webhook_deliveries');
  return wireEndpoint(await findEndpoint(caller, id));
}

/** Deletes the endpoint with its deliveries; an attempt under way finishes first. */
export async function deleteEndpoint(caller: Caller, { id }: ResourceParams): Promise<void> {
  const deleted = await prisma.webhookEndpoint.deleteMany({ where: { id, organizationId: caller.organizationId } });
  if (deleted.count === 0) throw endpointNotFound(id);
}

/** A new secret; for 24 hours deliveries are signed with the old one as well. */
export async function rotateEndpointSecret(
  caller: Caller,
  { id }: ResourceParams,
  clock: Clock = systemClock,
): Promise<EndpointSecret> {
  const secret = newEndpointSecret();
  const now = clock();
  // One statement, so that two rotations at once cannot both keep the same previous secret.
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    UPDATE webhook_endpoints
       SET previous_secret = secret, previous_secret_expires_at = ${new Date(now.getTime() + PREVIOUS_SECRET_GRACE_MS)},
           secret = ${secret}, updated_at = ${now}
     WHERE id = ${id} AND organization_id = ${caller.organizationId}::uuid
    RETURNING id`;
  if (rows.length === 0) throw endpointNotFound(id);
  return { secret };
}

function requireEnabled(endpoint: { id: string; disabled: boolean }): void {
  if (endpoint.disabled) {
    throw new AppError('endpoint_disabled', `webhook endpoint ${endpoint.id} is disabled: enable it first`, {
      endpoint_id: endpoint.id,
    });
  }
}

async function readDelivery(id: string): Promise<Delivery> {
  const row = await prisma.webhookDelivery.findUniqueOrThrow({
    where: { id },
    include: { event: { select: { eventType: true } } },
  });
  return wireDelivery(row);
}

/** Queues a `webhook.test` event to this endpoint alone; answers its delivery. */
export async function sendTestEvent(
  caller: Caller,
  { id }: ResourceParams,
  clock: Clock = systemClock,
): Promise<Delivery> {
  requireEnabled(await findEndpoint(caller, id));
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    WITH event AS (
      INSERT INTO outbox_events (organization_id, event_type, payload, created_at)
      VALUES (${caller.organizationId}::uuid, 'webhook.test', json_build_object('endpoint_id', ${id}::text), ${clock()})
      RETURNING id, created_at
    )
    INSERT INTO webhook_deliveries (event_id, endpoint_id, next_attempt_at, created_at)
    SELECT event.id, ${id}, event.created_at, event.created_at FROM event
    RETURNING id`;
  await notify('webhook_deliveries');
  const [delivery] = rows;
  if (!delivery) throw new Error(`the test event to ${id} made no delivery`);
  return readDelivery(delivery.id);
}

/**
 * Makes a delivery due now with a fresh retry schedule: the same event, so the same
 * `webhook-id`. A delivery whose attempt is under way is left to that attempt.
 */
export async function redeliver(
  caller: Caller,
  { id: deliveryId }: ResourceParams,
  clock: Clock = systemClock,
): Promise<Delivery> {
  const delivery = await prisma.webhookDelivery.findFirst({
    where: { id: deliveryId, endpoint: { organizationId: caller.organizationId } },
    include: { endpoint: { select: { id: true, disabled: true } } },
  });
  if (!delivery) throw new AppError('not_found', `no webhook delivery ${deliveryId}`);
  requireEnabled(delivery.endpoint);
  await prisma.$executeRaw`
    UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ${clock()}, consecutive_failures = 0
     WHERE id = (SELECT id FROM webhook_deliveries WHERE id = ${deliveryId} FOR UPDATE SKIP LOCKED)`;
  await notify('webhook_deliveries');
  return readDelivery(deliveryId);
}

interface DeliveryCursor {
  createdAt: Date;
  id: string;
}

function encodeCursor(delivery: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([delivery.createdAt.toISOString(), delivery.id])).toString('base64url');
}

function decodeCursor(cursor: string): DeliveryCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const createdAt = new Date(String(at));
    if (typeof id === 'string' && !Number.isNaN(createdAt.getTime())) return { createdAt, id };
  } catch {
    // Falls through to the refusal: a cursor this API did not issue.
  }
  throw validationError([{ path: ['cursor'], message: 'not a cursor this API issued' }]);
}

/** An endpoint's deliveries, newest first, by keyset pages. */
export async function listDeliveries(
  caller: Caller,
  { id: endpointId }: ResourceParams,
  query: DeliveriesQuery,
): Promise<DeliveryPage> {
  await findEndpoint(caller, endpointId);
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
  const rows = await prisma.webhookDelivery.findMany({
    where: {
      endpointId,
      status: query.status,
      ...(after && {
        OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }],
      }),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    include: { event: { select: { eventType: true } } },
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const hasMore = rows.length > query.limit;
  return { data: page.map(wireDelivery), has_more: hasMore, next_cursor: hasMore && last ? encodeCursor(last) : null };
}
