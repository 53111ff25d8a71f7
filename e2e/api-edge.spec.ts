/**
 * What reaches the production server before any route handler: paths Next.js cannot decode,
 * trailing slashes, methods a route does not answer, a mangled session cookie, a forged
 * X-Forwarded-Host. Every answer under /v1 comes in the contract's envelope with x-request-id.
 * Requests go out through node:http, which sends the request line exactly as written (fetch and
 * Playwright's request context would normalise some of these paths).
 */
import http from 'node:http';
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, KEYS, PEOPLE } from './helpers';
import { makePdf } from './pdf-fixture';

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function send(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<RawResponse> {
  const base = new URL(test.info().project.use.baseURL ?? '');
  return new Promise((resolve, reject) => {
    const request = http.request({ host: base.hostname, port: base.port, method, path, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

function expectEnvelope(response: RawResponse, status: number, code: string) {
  expect(response.status, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.headers['x-request-id']).toBeTruthy();
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  const body = JSON.parse(response.body);
  expect(Object.keys(body)).toEqual(['detail']);
  expect(body.detail).toMatchObject({ code, message: expect.any(String) });
  expect(body.detail).toHaveProperty('details');
  return body.detail;
}

const key = { 'api-key': KEYS.lead };

test.describe('the API edge', () => {
  test('a path that is not valid percent-encoded UTF-8 is a 404 in the envelope, not a bare 500', async () => {
    expectEnvelope(await send('GET', '/v1/workflows/runs/%E0%A4%A', key), 404, 'not_found');
    expectEnvelope(await send('GET', '/v1/workflows/reviews/%E0%A4%A/extract', key), 404, 'not_found');
    const json = { ...key, 'content-type': 'application/json' };
    expectEnvelope(
      await send('POST', '/v1/workflows/reviews/run/%FF/claim', json, '{"version_stamp":0}'),
      404,
      'not_found',
    );
  });

  test('an API path with a trailing slash is a 404 naming the path without it; pages still redirect', async () => {
    const detail = expectEnvelope(await send('GET', '/v1/workflows/reviews/', key), 404, 'not_found');
    expect(detail.message).toContain('/v1/workflows/reviews)');
    expectEnvelope(await send('POST', '/v1/workflows/reviews/', key), 404, 'not_found');
    const page = await send('GET', '/sign-in/');
    expect(page.status).toBe(308);
    expect(page.headers.location).toBe('/sign-in');
  });

  test('a method the route does not answer is 405 method_not_allowed with Allow', async () => {
    for (const [method, path, allow] of [
      ['PUT', '/v1/workflows/reviews', 'GET, POST, HEAD, OPTIONS'],
      ['DELETE', '/v1/workflows/reviews/run-1/extract', 'GET, HEAD, OPTIONS'],
      ['GET', '/v1/workflows/reviews/run-1/extract/claim', 'POST, OPTIONS'],
      ['POST', '/v1/workflows/runs/run-1', 'GET, HEAD, OPTIONS'],
      ['PROPFIND', '/v1/auth/me', 'GET, HEAD, OPTIONS'],
      // Methods fetch forbids: Next.js cannot make a Request of them and answered a bare 500.
      ['TRACE', '/v1/workflows/reviews', 'GET, POST, HEAD, OPTIONS'],
      ['TRACE', '/v1/auth/me', 'GET, HEAD, OPTIONS'],
    ] as const) {
      const response = await send(method, path, key);
      const detail = expectEnvelope(response, 405, 'method_not_allowed');
      expect(response.headers.allow).toBe(allow);
      expect(detail.details.allowed_methods).toEqual(allow.split(', '));
    }
  });

  test('OPTIONS lists the methods; an unknown path is a 404 whatever the method', async () => {
    const options = await send('OPTIONS', '/v1/workflows/reviews');
    expect(options.status).toBe(204);
    expect(options.headers.allow).toBe('GET, POST, HEAD, OPTIONS');
    expect(options.headers['x-request-id']).toBeTruthy();
    expect(options.headers['x-content-type-options']).toBe('nosniff');
    for (const method of ['GET', 'PUT', 'PROPFIND']) {
      expectEnvelope(await send(method, '/v1/no-such-route', key), 404, 'not_found');
      expectEnvelope(await send(method, '/v1', key), 404, 'not_found');
    }
  });

  test('the request id the client sends comes back, from the edge and from the route alike', async () => {
    const fromRoute = await send('GET', '/v1/workflows/reviews?limit=1', { ...key, 'x-request-id': 'edge-trace-1' });
    expect(fromRoute.status).toBe(200);
    expect(fromRoute.headers['x-request-id']).toBe('edge-trace-1');
    expect(fromRoute.headers['x-content-type-options']).toBe('nosniff');
    const fromEdge = await send('PUT', '/v1/workflows/reviews', { ...key, 'x-request-id': 'edge-trace-2' });
    expect(fromEdge.headers['x-request-id']).toBe('edge-trace-2');
    // A route that answers with a Response of its own (CSV here) gets both headers all the same.
    const csv = await send('GET', '/v1/stats/queue?format=csv', { ...key, 'x-request-id': 'edge-trace-3' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['x-request-id']).toBe('edge-trace-3');
    expect(csv.headers['x-content-type-options']).toBe('nosniff');
  });

  test('a downloaded file comes with its Content-Length, which Next.js would drop, unless it is compressed', async ({
    request,
  }) => {
    const upload = async (bytes: Buffer, type: string) => {
      const response = await request.post('/v1/files?name=edge-length', {
        headers: { 'api-key': KEYS.integration, 'content-type': type },
        data: bytes,
      });
      expect(response.status(), await response.text()).toBe(201);
      return `/v1/files/${((await response.json()) as { file_id: string }).file_id}`;
    };
    const pdf = makePdf([[{ text: `Content-Length ${Date.now()}`, x: 60, y: 700, size: 12 }]]);
    const pdfPath = await upload(pdf, 'application/pdf');
    for (const method of ['GET', 'HEAD']) {
      const answer = await send(method, pdfPath, key);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-length']).toBe(String(pdf.length));
      expect(answer.headers['transfer-encoding']).toBeUndefined();
      expect(answer.headers['x-review-inbox-content-length']).toBeUndefined();
    }
    expect(await (await request.get(pdfPath, { headers: key })).body()).toEqual(pdf);

    // Text is compressible: gzipped, its length is not the file's, so it goes out chunked.
    const text = Buffer.from(`a note ${Date.now()}\n`.repeat(200));
    const textPath = await upload(text, 'text/plain');
    expect((await send('GET', textPath, key)).headers['content-length']).toBe(String(text.length));
    const gzipped = await send('GET', textPath, { ...key, 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['content-length']).toBeUndefined();
    expect(gzipped.headers['transfer-encoding']).toBe('chunked');
    expect(await (await request.get(textPath, { headers: key })).body()).toEqual(text);
  });

  test('a session cookie that is not valid percent-encoding is 401 on the API and the sign-in page on the app', async () => {
    const cookie = { cookie: 'ri_session=%E0%A4%A' };
    expectEnvelope(await send('GET', '/v1/auth/me', cookie), 401, 'unauthenticated');
    expectEnvelope(await send('GET', '/v1/workflows/reviews', cookie), 401, 'unauthenticated');
    const page = await send('GET', '/', cookie);
    expect(page.status).toBe(307);
    expect(page.headers.location).toBe('/sign-in');
  });

  test('X-Forwarded-Host is not believed without TRUST_PROXY: a cross-site sign-in stays refused', async () => {
    const body = JSON.stringify({ email: PEOPLE.dana.email, password: DEMO_PASSWORD });
    const forged = await send(
      'POST',
      '/v1/auth/sign-in',
      { 'content-type': 'application/json', origin: 'http://evil.example', 'x-forwarded-host': 'evil.example' },
      body,
    );
    expectEnvelope(forged, 403, 'forbidden');
    expect(forged.headers['set-cookie']).toBeUndefined();
  });
});
