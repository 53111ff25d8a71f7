import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { answerAtServerEdge, installServerEdge } from './server-edge';

const statusOf = (method: string, target: string) => answerAtServerEdge(method, target, null)?.status ?? 'passed on';

describe('the API edge, before Next.js', () => {
  it('passes on every method a route answers, and any method Next.js may route to the catch-all', () => {
    expect(statusOf('POST', '/v1/workflows/reviews/run-1/extract/versions')).toBe('passed on');
    expect(statusOf('GET', '/v1/workflows/reviews?limit=5')).toBe('passed on');
    expect(statusOf('HEAD', '/v1/workflows/runs/run-1')).toBe('passed on');
    expect(statusOf('GET', '/v1/nothing')).toBe('passed on');
    expect(statusOf('GET', '/inbox')).toBe('passed on');
  });

  it('refuses a method the route does not take with 405 in the envelope and Allow', async () => {
    const answer = answerAtServerEdge('DELETE', '/v1/workflows/reviews/run-1/extract', 'trace-1');
    if (!answer) throw new Error('DELETE was left to Next.js');
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(answer.headers.get('x-request-id')).toBe('trace-1');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await answer.json()).detail.code).toBe('method_not_allowed');
  });

  it('answers OPTIONS with the methods, and trailing slashes, dot segments and undecodable paths with 404', () => {
    const options = answerAtServerEdge('OPTIONS', '/v1/workflows/reviews', null);
    expect(options?.status).toBe(204);
    expect(options?.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    expect(options?.headers.get('x-request-id')).toBeTruthy();
    expect(statusOf('POST', '/v1/workflows/reviews/')).toBe(404);
    expect(statusOf('PATCH', '/v1/webhook-endpoints/.')).toBe(404);
    expect(statusOf('GET', '/v1/workflows/reviews/%2E%2e/b')).toBe(404);
    expect(statusOf('GET', '/v1/workflows/reviews/run.1/b..c')).toBe('passed on');
    expect(statusOf('GET', '/v1/workflows/runs/%E0%A4%A')).toBe(404);
    expect(statusOf('PROPFIND', '/v1/nothing')).toBe(404);
    expect(statusOf('GET', '/v1')).toBe(404);
  });

  it('reads the path of an absolute-form request target as well', () => {
    expect(statusOf('PUT', 'http://inbox.example/v1/workflows/reviews?x=1')).toBe(405);
    expect(statusOf('GET', 'http://inbox.example/v1/workflows/reviews')).toBe('passed on');
  });

  it('answers the methods fetch forbids everywhere: in the envelope under /v1, a bare 405 on pages', () => {
    expect(statusOf('TRACE', '/v1/api-keys?x=1')).toBe(405);
    expect(statusOf('TRACK', '/v1/nothing')).toBe(404);
    const page = answerAtServerEdge('CONNECT', '/inbox', null);
    expect(page?.status).toBe(405);
    expect(page?.headers.get('x-request-id')).toBeTruthy();
    for (const method of ['GET', 'POST', 'OPTIONS', 'PROPFIND']) expect(statusOf(method, '/inbox')).toBe('passed on');
  });

  it('answers before the server’s own request handler sees the request', async () => {
    installServerEdge();
    const server = http.createServer((_, response) => response.writeHead(500).end('reached the app'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const status = (method: string, path: string) =>
        new Promise<number | undefined>((resolve, reject) => {
          http
            .request({ host: '127.0.0.1', port, method, path }, (response) => {
              response.resume();
              resolve(response.statusCode);
            })
            .on('error', reject)
            .end();
        });
      expect(await status('TRACE', '/v1/health')).toBe(405);
      expect(await status('POST', '/v1/health')).toBe(405);
      expect(await status('GET', '/v1/health/')).toBe(404);
      expect(await status('GET', '/v1/health')).toBe(500);
    } finally {
      server.close();
    }
  });
});
