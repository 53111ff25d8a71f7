import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClientHarness, json, stubFetch } from '@/test/client-hooks';
import { queryKeys } from './query-keys';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from './use-api-keys';
import { useMembers, useUpdateMember } from './use-members';
import { useDeliveries, useRedeliverWebhook, useWebhookEndpoints } from './use-webhooks';

afterEach(() => {
  vi.unstubAllGlobals();
});

const KEY_ID = `key_${'a'.repeat(32)}`;
const MEMBER_ID = `act_${'b'.repeat(24)}`;
const ENDPOINT = `whe_${'c'.repeat(32)}`;
const OTHER_ENDPOINT = `whe_${'d'.repeat(32)}`;
const DELIVERY = `whd_${'e'.repeat(32)}`;

const reads = (sent: ReturnType<typeof stubFetch>) =>
  sent.filter((request) => request.method === 'GET').map((request) => request.path);

/** Every admin list the settings page shows, loaded, then the log of requests cleared. */
async function settingsPageLoaded() {
  const sent = stubFetch(({ method, path }) => {
    if (method === 'DELETE') return new Response(null, { status: 204 });
    if (method !== 'GET') return json({}, method === 'POST' ? 202 : 200);
    return json(path.includes('/deliveries') ? { data: [], has_more: false, next_cursor: null } : { data: [] });
  });
  const harness = createClientHarness();
  const { wrapper } = harness;
  const lists = renderHook(
    () => [useApiKeys(), useMembers(), useWebhookEndpoints(), useDeliveries(ENDPOINT), useDeliveries(OTHER_ENDPOINT)],
    { wrapper },
  );
  await waitFor(() => expect(lists.result.current.every((query) => query.isSuccess)).toBe(true));
  sent.length = 0;
  return { sent, ...harness };
}

describe('what each settings mutation reads again', () => {
  it('revoking a key reads the keys again, and nothing else', async () => {
    const { sent, wrapper } = await settingsPageLoaded();
    const { result } = renderHook(() => useRevokeApiKey(), { wrapper });
    await result.current.mutateAsync(KEY_ID);
    expect(sent[0]).toMatchObject({ method: 'DELETE', path: `/v1/api-keys/${KEY_ID}` });
    expect(reads(sent)).toEqual(['/v1/api-keys']);
  });

  it('disabling a person reads the people and the keys again, since their keys end with them', async () => {
    const { sent, wrapper } = await settingsPageLoaded();
    const { result } = renderHook(() => useUpdateMember(), { wrapper });
    await result.current.mutateAsync({ id: MEMBER_ID, changes: { disabled: true } });
    expect(sent[0]).toMatchObject({ method: 'PATCH', path: `/v1/members/${MEMBER_ID}`, body: { disabled: true } });
    expect(reads(sent).sort()).toEqual(['/v1/api-keys', '/v1/members']);
  });

  it('redelivering reads that endpoint’s deliveries again, not another endpoint’s', async () => {
    const { sent, wrapper } = await settingsPageLoaded();
    const { result } = renderHook(() => useRedeliverWebhook(), { wrapper });
    await result.current.mutateAsync({ deliveryId: DELIVERY, endpointId: ENDPOINT });
    expect(sent[0]).toMatchObject({ method: 'POST', path: `/v1/webhook-deliveries/${DELIVERY}/redeliver` });
    expect(reads(sent)).toEqual([`/v1/webhook-endpoints/${ENDPOINT}/deliveries?limit=20`]);
  });
});

describe('a key shown once', () => {
  it('is gone from the cache once the person is done with it', async () => {
    const created = { id: KEY_ID, name: 'CI', key: 'rik_secret_once' };
    stubFetch(({ method }) => (method === 'POST' ? json(created, 201) : json({ data: [] })));
    const { queryClient, wrapper } = createClientHarness();
    const { result } = renderHook(() => useCreateApiKey(), { wrapper });
    await result.current.mutateAsync({ name: 'CI', kind: 'agent', role: 'reviewer' });
    await waitFor(() => expect(result.current.data?.key).toBe('rik_secret_once'));

    act(() => result.current.reset());
    await waitFor(() => expect(result.current.data).toBeUndefined());
    const cached = () =>
      JSON.stringify([
        queryClient
          .getMutationCache()
          .getAll()
          .map((mutation) => mutation.state.data),
        queryClient.getQueryData(queryKeys.apiKeys),
      ]);
    await waitFor(() => expect(cached()).not.toContain('rik_secret_once'));
  });
});
