import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { DECLARED_LENGTH_HEADER, installDeclaredLength } from './declared-length';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

installDeclaredLength();

let server: http.Server | null = null;
afterEach(() => server?.close());

/** Serves one answer the way Next.js sends a route's body: headers flushed, then chunk by chunk. */
async function serve(answer: (response: http.ServerResponse) => void, method = 'GET'): Promise<Received> {
  server = http.createServer((_request, response) => answer(response));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    http
      .request({ host: '127.0.0.1', port, method }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject)
      .end();
  });
}

const BYTES = Buffer.from('%PDF-1.7 two chunks of a file');

function sendInTwoChunks(response: http.ServerResponse, declare: boolean) {
  response.setHeader('content-type', 'application/pdf');
  if (declare) response.setHeader(DECLARED_LENGTH_HEADER, String(BYTES.length));
  response.flushHeaders();
  response.write(BYTES.subarray(0, 10));
  response.end(BYTES.subarray(10));
}

describe('a declared length', () => {
  it('goes out as Content-Length, and the answer is not chunked', async () => {
    const received = await serve((response) => sendInTwoChunks(response, true));
    expect(received.headers['content-length']).toBe(String(BYTES.length));
    expect(received.headers['transfer-encoding']).toBeUndefined();
    expect(received.headers[DECLARED_LENGTH_HEADER]).toBeUndefined();
    expect(received.body).toEqual(BYTES);
  });

  it('answers a HEAD with the length of the body a GET would get', async () => {
    const received = await serve((response) => {
      response.setHeader(DECLARED_LENGTH_HEADER, String(BYTES.length));
      response.end();
    }, 'HEAD');
    expect(received.headers['content-length']).toBe(String(BYTES.length));
    expect(received.body.length).toBe(0);
  });

  it('is dropped once the answer is compressed: its length is no longer the length sent', async () => {
    const compressed = gzipSync(BYTES);
    const received = await serve((response) => {
      response.setHeader(DECLARED_LENGTH_HEADER, String(BYTES.length));
      response.setHeader('content-encoding', 'gzip');
      response.flushHeaders();
      response.end(compressed);
    });
    expect(received.headers['content-length']).toBeUndefined();
    expect(received.headers['transfer-encoding']).toBe('chunked');
    expect(received.headers[DECLARED_LENGTH_HEADER]).toBeUndefined();
    expect(received.body).toEqual(compressed);
  });

  it('leaves an answer without one as Node.js frames it', async () => {
    const received = await serve((response) => sendInTwoChunks(response, false));
    expect(received.headers['content-length']).toBeUndefined();
    expect(received.headers['transfer-encoding']).toBe('chunked');
    expect(received.body).toEqual(BYTES);
  });
});
