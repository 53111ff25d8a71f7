/**
 * The webhook administration routes, through the route wrapper: shapes, roles (leads read,
 * admins change), tenancy, refusals, and bad input leaving every row as it was.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/prisma';
import { reloadEnv } from '@/lib/env';
import { api } from '../api-client';
import { resetDatabase } from '../db';
import { adminSnapshot } from '../db-snapshot';
import { createTeam, type TestTeam } from '../fixtures';
import { expectError, expectValidationIssue } from '../review-helpers';

const PUBLIC_URL = 'https://93.184.216.34/hooks';
const EP = '/v1/webhook-endpoints';
const MISSING_ENDPOINT = `${EP}/whe_00000000000000000000000000000000`;

let team: TestTeam;
let other: TestTeam;

beforeEach(async () => {
  await resetDatabase();
  team = await createTeam('acme');
  other = await createTeam('globex');
});

afterEach(() => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE_URLS;
  reloadEnv();
});

async function createEndpoint(body: Record<string, unknown> = { url: PUBLIC_URL }) {
  const created = await api('POST', EP, { key: team.admin.key, body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

/** A delivery of a test event to a fresh endpoint (nothing dispatches in these tests: it stays pending). */
async function testDelivery() {
  const endpoint = await createEndpoint();
  const sent = await api('POST', `${EP}/${endpoint.id}/test`, { key: team.admin.key });
  expect(sent.status).toBe(202);
  return { endpoint, delivery: sent.body };
}

describe('webhook endpoints', () => {
  it('adds an endpoint (201, the secret shown once), lists it without the secret, edits and deletes it', async () => {
    const created = await createEndpoint({ url: PUBLIC_URL, event_types: ['review.decided'], description: 'ERP' });
    expect(created).toMatchObject({
      id: expect.stringMatching(/^whe_/),
      url: PUBLIC_URL,
      event_types: ['review.decided'],
      description: 'ERP',
      disabled: false,
      secret: expect.stringMatching(/^whsec_/),
    });

    const listed = await api('GET', EP, { key: team.admin.key });
    expect(listed.status).toBe(200);
    const { secret: _secret, ...shown } = created;
    expect(listed.body).toEqual({ data: [shown] });
    expect(JSON.stringify(listed.body)).not.toContain(created.secret);

    const edited = await api('PATCH', `${EP}/${created.id}`, { key: team.admin.key, body: { disabled: true } });
    expect(edited.status).toBe(200);
    expect(edited.body).toEqual({ ...shown, disabled: true });

    const deleted = await api('DELETE', `${EP}/${created.id}`, { key: team.admin.key });
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeNull();
    expect((await api('GET', EP, { key: team.admin.key })).body).toEqual({ data: [] });
    expectError(await api('DELETE', `${EP}/${created.id}`, { key: team.admin.key }), 404, 'not_found');
  });

  it('rotates the secret: a new one, shown once, and the endpoint keeps the old one for 24 hours', async () => {
    const created = await createEndpoint();
    const rotated = await api('POST', `${EP}/${created.id}/rotate-secret`, { key: team.admin.key });
    expect(rotated.status).toBe(200);
    expect(rotated.body).toEqual({ secret: expect.stringMatching(/^whsec_/) });
    expect(rotated.body.secret).not.toBe(created.secret);
    const row = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } });
    expect({ secret: row.secret, previous: row.previousSecret }).toEqual({
      secret: rotated.body.secret,
      previous: created.secret,
    });
  });

  it('refuses a private URL with 422 unless WEBHOOK_ALLOW_PRIVATE_URLS=true, and writes nothing', async () => {
    const before = await adminSnapshot();
    for (const url of ['http://127.0.0.1:4000/webhooks', 'http://169.254.169.254/latest', 'http://10.0.0.5/']) {
      expectValidationIssue(await api('POST', EP, { key: team.admin.key, body: { url } }), ['url']);
    }
    expect(await adminSnapshot()).toEqual(before);

    process.env.WEBHOOK_ALLOW_PRIVATE_URLS = 'true';
    reloadEnv();
    expect(
      (await api('POST', EP, { key: team.admin.key, body: { url: 'http://127.0.0.1:4000/webhooks' } })).status,
    ).toBe(201);
  });

  it('refuses bad input with 422 and leaves every row as it was', async () => {
    const created = await createEndpoint();
    const before = await adminSnapshot();
    const bad: [string, 'POST' | 'PATCH', string, unknown, (string | number)[]][] = [
      ['no url', 'POST', EP, {}, ['url']],
      ['ftp', 'POST', EP, { url: 'ftp://93.184.216.34/x' }, ['url']],
      ['unknown type', 'POST', EP, { url: PUBLIC_URL, event_types: ['review.approved'] }, ['event_types', 0]],
      ['no types', 'POST', EP, { url: PUBLIC_URL, event_types: [] }, ['event_types']],
      ['disabled not bool', 'PATCH', `${EP}/${created.id}`, { disabled: 'yes' }, ['disabled']],
      ['private url', 'PATCH', `${EP}/${created.id}`, { url: 'http://192.168.1.1/' }, ['url']],
    ];
    for (const [, method, path, body, issue] of bad) {
      expectValidationIssue(await api(method, path, { key: team.admin.key, body }), issue);
    }
    expectValidationIssue(await api('GET', `${EP}/${created.id}/deliveries?status=lost`, { key: team.admin.key }), [
      'status',
    ]);
    expectValidationIssue(await api('GET', `${EP}/${created.id}/deliveries?cursor=nonsense`, { key: team.admin.key }), [
      'cursor',
    ]);
    expect(await adminSnapshot()).toEqual(before);
  });
});

describe('test events, deliveries and redelivery', () => {
  it('queues a webhook.test delivery (202), lists it newest first, and redelivers it (202, same event)', async () => {
    const { endpoint, delivery } = await testDelivery();
    expect(delivery).toMatchObject({
      id: expect.stringMatching(/^whd_/),
      event_id: expect.stringMatching(/^evt_/),
      event_type: 'webhook.test',
      endpoint_id: endpoint.id,
      status: 'pending',
      attempts: 0,
    });
    const second = (await api('POST', `${EP}/${endpoint.id}/test`, { key: team.admin.key })).body;

    const page = await api('GET', `${EP}/${endpoint.id}/deliveries?limit=1`, { key: team.admin.key });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ data: [{ id: second.id }], has_more: true });
    const next = await api('GET', `${EP}/${endpoint.id}/deliveries?limit=1&cursor=${page.body.next_cursor}`, {
      key: team.admin.key,
    });
    expect(next.body).toMatchObject({ data: [{ id: delivery.id }], has_more: false, next_cursor: null });
    const failed = await api('GET', `${EP}/${endpoint.id}/deliveries?status=failed`, { key: team.admin.key });
    expect(failed.body).toEqual({ data: [], has_more: false, next_cursor: null });

    await prisma.webhookDelivery.update({
      where: { id: delivery.id },
      data: { status: 'failed', nextAttemptAt: null },
    });
    const redelivered = await api('POST', `/v1/webhook-deliveries/${delivery.id}/redeliver`, { key: team.admin.key });
    expect(redelivered.status).toBe(202);
    expect(redelivered.body).toMatchObject({ id: delivery.id, event_id: delivery.event_id, status: 'pending' });
    expect(redelivered.body.next_attempt_at).not.toBeNull();
  });

  it('answers 409 endpoint_disabled to a test event or a redelivery while the endpoint is disabled', async () => {
    const { endpoint, delivery } = await testDelivery();
    await api('PATCH', `${EP}/${endpoint.id}`, { key: team.admin.key, body: { disabled: true } });
    const before = await adminSnapshot();
    expectError(await api('POST', `${EP}/${endpoint.id}/test`, { key: team.admin.key }), 409, 'endpoint_disabled');
    expectError(
      await api('POST', `/v1/webhook-deliveries/${delivery.id}/redeliver`, { key: team.admin.key }),
      409,
      'endpoint_disabled',
    );
    expect(await adminSnapshot()).toEqual(before);
  });
});

describe('who may call the webhook routes', () => {
  it('lets leads read endpoints and deliveries but change nothing; reviewers and integrations get 403', async () => {
    const { endpoint, delivery } = await testDelivery();
    const reads: [string, string][] = [
      ['GET', EP],
      ['GET', `${EP}/${endpoint.id}/deliveries`],
    ];
    const writes: ['POST' | 'PATCH' | 'DELETE', string, unknown][] = [
      ['POST', EP, { url: PUBLIC_URL }],
      ['PATCH', `${EP}/${endpoint.id}`, { disabled: true }],
      ['DELETE', `${EP}/${endpoint.id}`, undefined],
      ['POST', `${EP}/${endpoint.id}/rotate-secret`, undefined],
      ['POST', `${EP}/${endpoint.id}/test`, undefined],
      ['POST', `/v1/webhook-deliveries/${delivery.id}/redeliver`, undefined],
    ];
    const before = await adminSnapshot();
    for (const [, path] of reads) expect((await api('GET', path, { key: team.lead.key })).status).toBe(200);
    for (const actor of [team.reviewer, team.agent, team.integration]) {
      for (const [, path] of reads) expectError(await api('GET', path, { key: actor.key }), 403, 'forbidden');
    }
    for (const actor of [team.lead, team.reviewer, team.integration]) {
      for (const [method, path, body] of writes) {
        expectError(await api(method, path, { key: actor.key, body }), 403, 'forbidden');
      }
    }
    expect(await adminSnapshot()).toEqual(before);
    expectError(await api('GET', EP, {}), 401, 'unauthenticated');
  });

  it("answers 404 for another organization's endpoint or delivery, exactly as for a missing one", async () => {
    const { endpoint, delivery } = await testDelivery();
    const before = await adminSnapshot();
    const calls: ['GET' | 'POST' | 'PATCH' | 'DELETE', string, unknown][] = [
      ['PATCH', `${EP}/${endpoint.id}`, { disabled: true }],
      ['DELETE', `${EP}/${endpoint.id}`, undefined],
      ['POST', `${EP}/${endpoint.id}/rotate-secret`, undefined],
      ['POST', `${EP}/${endpoint.id}/test`, undefined],
      ['GET', `${EP}/${endpoint.id}/deliveries`, undefined],
      ['POST', `/v1/webhook-deliveries/${delivery.id}/redeliver`, undefined],
      ['PATCH', MISSING_ENDPOINT, { disabled: true }],
      ['GET', `${EP}/not-an-id/deliveries`, undefined],
    ];
    for (const [method, path, body] of calls) {
      expectError(await api(method, path, { key: other.admin.key, body }), 404, 'not_found');
    }
    expect((await api('GET', EP, { key: other.admin.key })).body).toEqual({ data: [] });
    expect(await adminSnapshot()).toEqual(before);
  });
});
