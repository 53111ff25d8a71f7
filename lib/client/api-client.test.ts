import { describe, expect, it } from 'vitest';
import type { ReviewOverlay } from '../reviews/schemas';
import { ApiClientError, createReviewClient, isApiClientError, toQueryString } from './api-client';

interface Call {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

function fakeFetch(reply: () => Response) {
  const calls: Call[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    calls.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      credentials: init?.credentials,
    });
    return reply();
  };
  return { fetch, calls };
}

const overlay = { _id: 'run_1:block_1', rev: 4 } as unknown as ReviewOverlay;

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'x-request-id': 'req_1', ...headers },
  });
}

function onlyCall(calls: Call[]): Call {
  expect(calls).toHaveLength(1);
  return calls[0] as Call;
}

describe('createReviewClient: URLs and headers', () => {
  it('sends the Api-Key and omits cookies when a key is given', async () => {
    const { fetch, calls } = fakeFetch(() => json(overlay));
    const client = createReviewClient({ baseUrl: 'https://inbox.example.com/', apiKey: 'ri_secret', fetch });
    await client.getOverlay('run_1', 'block_1');
    const call = onlyCall(calls);
    expect(call.url).toBe('https://inbox.example.com/v1/workflows/reviews/run_1/block_1');
    expect(call.method).toBe('GET');
    expect(call.headers.get('api-key')).toBe('ri_secret');
    expect(call.headers.get('accept')).toBe('application/json');
    expect(call.headers.has('content-type')).toBe(false);
    expect(call.credentials).toBe('omit');
  });

  it('relies on the same-origin session cookie without a key', async () => {
    const { fetch, calls } = fakeFetch(() => json(overlay));
    await createReviewClient({ fetch }).getRun('run_1');
    const call = onlyCall(calls);
    expect(call.url).toBe('/v1/workflows/runs/run_1');
    expect(call.headers.has('api-key')).toBe(false);
    expect(call.credentials).toBe('same-origin');
  });

  it('escapes path segments', async () => {
    const { fetch, calls } = fakeFetch(() => json(overlay));
    await createReviewClient({ fetch }).getOverlay('run/1', 'a b?');
    expect(onlyCall(calls).url).toBe('/v1/workflows/reviews/run%2F1/a%20b%3F');
  });

  it.each([
    ['appendVersion', 'versions'],
    ['claim', 'claim'],
    ['release', 'release'],
    ['revert', 'revert'],
    ['reopen', 'reopen'],
  ] as const)('%s posts JSON to /%s and reports Idempotent-Replayed', async (method, action) => {
    const { fetch, calls } = fakeFetch(() => json(overlay, 200, { 'idempotent-replayed': 'true' }));
    const client = createReviewClient({ fetch });
    const body = { version_stamp: 4, to_seq: 0, reason: 'why', snapshot: { a: 1 }, command_id: 'cmd-1' };
    const result = await client[method]('run_1', 'block_1', body);
    const call = onlyCall(calls);
    expect(call.url).toBe(`/v1/workflows/reviews/run_1/block_1/${action}`);
    expect(call.method).toBe('POST');
    expect(call.headers.get('content-type')).toBe('application/json');
    expect(call.body).toEqual(body);
    expect(result).toEqual({ overlay, replayed: true });
  });

  it('reports a fresh command as not replayed', async () => {
    const { fetch } = fakeFetch(() => json(overlay));
    const result = await createReviewClient({ fetch }).claim('run_1', 'block_1', { version_stamp: 4 });
    expect(result.replayed).toBe(false);
  });

  it('decide returns the submission status and derives replayed from it', async () => {
    const { fetch, calls } = fakeFetch(() => json({ submission_status: 'already_applied', overlay }));
    const result = await createReviewClient({ fetch }).decide('run_1', 'block_1', {
      verdict: 'approved',
      version_stamp: 4,
      edited_output: null,
    });
    expect(onlyCall(calls).url).toBe('/v1/workflows/reviews/run_1/block_1/decision');
    expect(result).toEqual({ submission_status: 'already_applied', overlay, replayed: true });
  });

  it('openGate tells a new gate (201) from an identical replay (200)', async () => {
    const body = {
      workflow_id: 'wf',
      workflow_version_id: 'wfv',
      workflow_run_id: 'run_1',
      block_id: 'block_1',
      block_type: 'extract' as const,
      model_output: { a: 1 },
      model: { id: 'm', display_name: 'Model' },
    };
    let status = 201;
    const { fetch, calls } = fakeFetch(() => json(overlay, status));
    const client = createReviewClient({ fetch });
    expect(await client.openGate(body)).toEqual({ overlay, created: true, replayed: false });
    status = 200;
    expect(await client.openGate(body)).toEqual({ overlay, created: false, replayed: true });
    expect(calls[0]?.url).toBe('/v1/workflows/reviews');
    expect(calls[0]?.method).toBe('POST');
  });
});

describe('listQueue query strings', () => {
  it('encodes filters, booleans and numbers and drops absent ones', async () => {
    const page = { data: [], has_more: false, next_cursor: null };
    const { fetch, calls } = fakeFetch(() => json(page));
    const result = await createReviewClient({ fetch }).listQueue({
      status: 'approved',
      workflow_id: 'wf_1',
      mine: true,
      unclaimed: false,
      limit: 20,
      cursor: 'eyJhIjoxfQ==/+',
    });
    expect(result).toEqual(page);
    const url = new URL(onlyCall(calls).url, 'http://localhost');
    expect(url.pathname).toBe('/v1/workflows/reviews');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      status: 'approved',
      workflow_id: 'wf_1',
      mine: 'true',
      unclaimed: 'false',
      limit: '20',
      cursor: 'eyJhIjoxfQ==/+',
    });
    expect(url.search).toContain('cursor=eyJhIjoxfQ%3D%3D%2F%2B');
  });

  it('sends no query string for an empty query', async () => {
    const { fetch, calls } = fakeFetch(() => json({ data: [], has_more: false, next_cursor: null }));
    await createReviewClient({ fetch }).listQueue();
    expect(onlyCall(calls).url).toBe('/v1/workflows/reviews');
  });

  it('toQueryString skips null and undefined', () => {
    expect(toQueryString({ a: undefined, b: null, c: 0, d: 'x y' })).toBe('?c=0&d=x+y');
    expect(toQueryString({})).toBe('');
  });
});

describe('error mapping', () => {
  async function failure(response: Response): Promise<ApiClientError> {
    const { fetch } = fakeFetch(() => response);
    const error = await createReviewClient({ fetch })
      .decide('run_1', 'block_1', { verdict: 'approved', version_stamp: 3 })
      .then(
        () => null,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(ApiClientError);
    return error as ApiClientError;
  }

  it('maps the envelope to status, code, message, details and request id', async () => {
    const details = { expected: 3, current_rev: 4, head_seq: 2, status: 'awaiting_review', last_change: null };
    const error = await failure(
      json({ detail: { code: 'version_conflict', message: 'version_stamp 3 is stale', details } }, 409, {
        'x-request-id': 'req_409',
      }),
    );
    expect(error.status).toBe(409);
    expect(error.code).toBe('version_conflict');
    expect(error.message).toBe('version_stamp 3 is stale');
    expect(error.details).toEqual(details);
    expect(error.requestId).toBe('req_409');
    expect(error.retryAfterSeconds).toBeNull();
    expect(isApiClientError(error, 'version_conflict')).toBe(true);
    expect(isApiClientError(error, 'claim_held')).toBe(false);
  });

  it('reads Retry-After', async () => {
    const error = await failure(
      json({ detail: { code: 'unavailable', message: 'the database is unavailable', details: null } }, 503, {
        'retry-after': '5',
      }),
    );
    expect(error.code).toBe('unavailable');
    expect(error.details).toBeNull();
    expect(error.retryAfterSeconds).toBe(5);
  });

  it('turns a non-JSON error body into code unknown', async () => {
    const error = await failure(
      new Response('<html>Bad gateway</html>', {
        status: 502,
        statusText: 'Bad Gateway',
        headers: { 'content-type': 'text/html' },
      }),
    );
    expect(error.status).toBe(502);
    expect(error.code).toBe('unknown');
    expect(error.message).toMatch(/^HTTP 502 Bad Gateway/);
    expect(error.requestId).toBeNull();
  });

  it('turns JSON without an envelope into code unknown', async () => {
    const error = await failure(json({ error: 'nope' }, 500));
    expect(error.code).toBe('unknown');
    expect(error.requestId).toBe('req_1');
  });

  it('rejects a 2xx answer that is not JSON', async () => {
    const error = await failure(new Response('ok', { status: 200 }));
    expect(error.status).toBe(200);
    expect(error.code).toBe('unknown');
  });
});
