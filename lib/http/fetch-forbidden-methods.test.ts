import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { answerFetchForbiddenMethods, answerToForbiddenMethod } from './fetch-forbidden-methods';

describe('methods fetch cannot represent', () => {
  it('TRACE on an API route is a 405 in the envelope, listing what the route answers', async () => {
    const answer = answerToForbiddenMethod('TRACE', '/v1/api-keys?x=1', 'trace-1');
    if (!answer) throw new Error('TRACE was left to Next.js');
    expect(answer.status).toBe(405);
    expect(answer.headers.get('x-request-id')).toBe('trace-1');
    expect(answer.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    expect((await answer.json()).detail.code).toBe('method_not_allowed');
  });

  it('TRACK on an unknown API path is a 404, an undecodable one too; a page is a bare 405', async () => {
    expect(answerToForbiddenMethod('TRACK', '/v1/nothing', null)?.status).toBe(404);
    expect(answerToForbiddenMethod('TRACE', '/v1/workflows/runs/%E0%A4%A', null)?.status).toBe(404);
    const page = answerToForbiddenMethod('TRACE', '/inbox', null);
    expect(page?.status).toBe(405);
    expect(page?.headers.get('x-request-id')).toBeTruthy();
  });

  it('leaves every other method to the app', () => {
    for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND']) {
      expect(answerToForbiddenMethod(method, '/v1/api-keys', null)).toBeNull();
    }
  });

  it('answers before the server’s own request handler sees the request', async () => {
    answerFetchForbiddenMethods();
    const server = http.createServer((_, response) => response.writeHead(500).end('reached the app'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const status = (method: string) =>
        new Promise<number | undefined>((resolve, reject) => {
          http
            .request({ host: '127.0.0.1', port, method, path: '/v1/health' }, (response) => {
              response.resume();
              resolve(response.statusCode);
            })
            .on('error', reject)
            .end();
        });
      expect(await status('TRACE')).toBe(405);
      expect(await status('GET')).toBe(500);
    } finally {
      server.close();
    }
  });
});
