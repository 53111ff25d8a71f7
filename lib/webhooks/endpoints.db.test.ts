/**
 * The webhook administration services the admin routes will bind to: what an admin gets back,
 * and the contract's refusals (404 across organizations, 409 endpoint_disabled, 422); roles are the routes' (test/api/admin-*.db.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '@/lib/auth/authorization';
import { callerForApiKey } from '@/lib/auth/credentials';
import { prisma } from '@/lib/db/prisma';
import { SUBSCRIBABLE_EVENT_TYPES } from '@/lib/domain/enums';
import { reloadEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { openGate } from '@/lib/reviews/service';
import { resetDatabase } from '../../test/db';
import { createTeam, gateBody } from '../../test/fixtures';
import {
  createEndpoint,
  deleteEndpoint,
  listDeliveries,
  listEndpoints,
  redeliver,
  rotateEndpointSecret,
  sendTestEvent,
  updateEndpoint,
} from './endpoints';
import { ZCreatedEndpoint, ZCreateEndpointBody, ZDeliveryPage } from './schemas';

let admin: Caller;
let integration: Caller;
let otherAdmin: Caller;

async function callerOf(key: string): Promise<Caller> {
  const caller = await callerForApiKey(key);
  if (!caller) throw new Error('unknown key');
  return caller;
}

beforeEach(async () => {
  await resetDatabase();
  const team = await createTeam('acme');
  admin = await callerOf(team.admin.key);
  integration = await callerOf(team.integration.key);
  otherAdmin = await callerOf((await createTeam('globex')).admin.key);
});

afterEach(() => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE_URLS;
  reloadEnv();
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const PUBLIC_URL = 'https://93.184.216.34/hooks';

describe('createEndpoint', () => {
  it('answers the contract object plus its secret, subscribed to every type by default', async () => {
    const created = await createEndpoint(admin, { url: PUBLIC_URL, description: 'billing' });
    expect(ZCreatedEndpoint.strict().parse(created)).toEqual(created);
    expect(created).toMatchObject({
      url: PUBLIC_URL,
      event_types: [...SUBSCRIBABLE_EVENT_TYPES],
      description: 'billing',
      disabled: false,
    });
    expect(created.id).toMatch(/^whe_[0-9a-f]{32}$/);
    expect(Buffer.from(created.secret.replace(/^whsec_/, ''), 'base64')).toHaveLength(32);
    expect((await listEndpoints(admin)).data).toEqual([
      {
        id: created.id,
        url: PUBLIC_URL,
        event_types: [...SUBSCRIBABLE_EVENT_TYPES],
        description: 'billing',
        disabled: false,
        created_at: created.created_at,
      },
    ]);
  });

  const privateUrls = [
    'http://127.0.0.1:4000/webhooks',
    'http://localhost:4000/webhooks',
    'http://10.0.0.5/hook',
    'http://192.168.1.10/hook',
    'http://100.64.1.1/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/hook',
    'http://[fd00:ec2::254]/hook',
  ];
  for (const url of privateUrls) {
    it(`refuses ${url} with 422 on url`, async () => {
      const error = await refusal(createEndpoint(admin, { url }));
      expect(error.code).toBe('validation_error');
      expect(error.details).toMatchObject({ issues: [{ path: ['url'] }] });
    });
  }

  it('allows private addresses with WEBHOOK_ALLOW_PRIVATE_URLS=true', async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE_URLS = 'true';
    reloadEnv();
    const created = await createEndpoint(admin, { url: 'http://127.0.0.1:4000/webhooks' });
    expect(created.url).toBe('http://127.0.0.1:4000/webhooks');
  });

  it('refuses a name that does not resolve, and URLs that are not http or https (schema)', async () => {
    expect((await refusal(createEndpoint(admin, { url: 'https://no-such-host.invalid/hook' }))).code).toBe(
      'validation_error',
    );
    expect(ZCreateEndpointBody.safeParse({ url: 'ftp://93.184.216.34/x' }).success).toBe(false);
    expect(ZCreateEndpointBody.safeParse({ url: PUBLIC_URL, event_types: ['review.approved'] }).success).toBe(false);
    expect(ZCreateEndpointBody.safeParse({ url: PUBLIC_URL, event_types: [] }).success).toBe(false);
  });
});

describe('updating, rotating and deleting', () => {
  it('changes only the fields sent; an empty description removes it; a private url is refused', async () => {
    const { id } = await createEndpoint(admin, { url: PUBLIC_URL, description: 'billing' });
    const updated = await updateEndpoint(admin, { id }, { event_types: ['review.decided'], disabled: true });
    expect(updated).toMatchObject({
      url: PUBLIC_URL,
      event_types: ['review.decided'],
      description: 'billing',
      disabled: true,
    });
    expect(await updateEndpoint(admin, { id }, { description: '' })).toMatchObject({
      description: null,
      disabled: true,
    });
    expect((await refusal(updateEndpoint(admin, { id }, { url: 'http://10.1.1.1/' }))).code).toBe('validation_error');
  });

  it('keeps the previous secret valid for 24 hours after a rotation', async () => {
    const created = await createEndpoint(admin, { url: PUBLIC_URL });
    const now = new Date('2026-11-29T12:00:00.000Z');
    const { secret } = await rotateEndpointSecret(admin, { id: created.id }, () => now);
    expect(secret).not.toBe(created.secret);
    expect(await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      secret,
      previousSecret: created.secret,
      previousSecretExpiresAt: new Date('2026-11-30T12:00:00.000Z'),
    });
  });

  it('answers 404 for another organization’s endpoint, exactly as for a missing one', async () => {
    const { id } = await createEndpoint(admin, { url: PUBLIC_URL });
    for (const missing of [id, 'whe_nope']) {
      for (const call of [
        () => updateEndpoint(otherAdmin, { id: missing }, { disabled: true }),
        () => rotateEndpointSecret(otherAdmin, { id: missing }),
        () => sendTestEvent(otherAdmin, { id: missing }),
        () => listDeliveries(otherAdmin, { id: missing }, { limit: 10 }),
        () => deleteEndpoint(otherAdmin, { id: missing }),
      ]) {
        expect((await refusal(call())).code).toBe('not_found');
      }
    }
    expect((await listEndpoints(admin)).data.map((endpoint) => endpoint.id)).toEqual([id]);
    await deleteEndpoint(admin, { id });
    expect((await listEndpoints(admin)).data).toEqual([]);
    expect((await refusal(deleteEndpoint(admin, { id }))).code).toBe('not_found');
  });
});

describe('test events, deliveries and redelivery', () => {
  it('queues a webhook.test event to the endpoint alone; refused with 409 when it is disabled', async () => {
    const { id } = await createEndpoint(admin, { url: PUBLIC_URL });
    const other = await createEndpoint(admin, { url: PUBLIC_URL });
    const delivery = await sendTestEvent(admin, { id });
    expect(delivery).toMatchObject({ endpoint_id: id, event_type: 'webhook.test', status: 'pending', attempts: 0 });
    const event = await prisma.outboxEvent.findUniqueOrThrow({ where: { id: delivery.event_id } });
    expect(event.payload).toEqual({ endpoint_id: id });
    expect((await listDeliveries(admin, { id: other.id }, { limit: 10 })).data).toEqual([]);

    await updateEndpoint(admin, { id }, { disabled: true });
    const refused = await refusal(sendTestEvent(admin, { id }));
    expect(refused.code).toBe('endpoint_disabled');
    expect((await refusal(redeliver(admin, { id: delivery.id }))).code).toBe('endpoint_disabled');
  });

  it('lists deliveries newest first in keyset pages, filtered by status', async () => {
    const { id } = await createEndpoint(admin, { url: PUBLIC_URL, event_types: ['review.opened'] });
    for (let i = 0; i < 5; i++) await openGate(integration, gateBody() as any);
    const all = await prisma.webhookDelivery.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });

    const first = ZDeliveryPage.parse(await listDeliveries(admin, { id }, { limit: 2 }));
    expect(first.has_more).toBe(true);
    const second = await listDeliveries(admin, { id }, { limit: 2, cursor: first.next_cursor! });
    const third = await listDeliveries(admin, { id }, { limit: 2, cursor: second.next_cursor! });
    expect(third).toMatchObject({ has_more: false, next_cursor: null });
    expect([...first.data, ...second.data, ...third.data].map((delivery) => delivery.id)).toEqual(
      all.map((delivery) => delivery.id),
    );
    expect((await listDeliveries(admin, { id }, { limit: 10, status: 'delivered' })).data).toEqual([]);
    expect((await refusal(listDeliveries(admin, { id }, { limit: 10, cursor: 'garbage' }))).code).toBe(
      'validation_error',
    );
  });

  it('redelivers a failed delivery: due now, same event, fresh schedule; 404 across organizations', async () => {
    const { id } = await createEndpoint(admin, { url: PUBLIC_URL });
    const delivery = await sendTestEvent(admin, { id });
    await prisma.webhookDelivery.update({
      where: { id: delivery.id },
      data: { status: 'failed', attempts: 10, consecutiveFailures: 10, nextAttemptAt: null, lastError: 'HTTP 500' },
    });
    const now = new Date('2026-11-29T12:00:00.000Z');
    const again = await redeliver(admin, { id: delivery.id }, () => now);
    expect(again).toMatchObject({
      id: delivery.id,
      event_id: delivery.event_id,
      status: 'pending',
      attempts: 10,
      next_attempt_at: now.toISOString(),
    });
    expect((await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).consecutiveFailures).toBe(
      0,
    );
    expect((await refusal(redeliver(otherAdmin, { id: delivery.id }))).code).toBe('not_found');
  });
});
