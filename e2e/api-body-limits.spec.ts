/**
 * Bodies over the 5 MiB limit of a gate opening, sent over a real socket to the production server the way ordinary
 * clients send them: the whole body first, then the answer is read. The client must get the
 * complete 413 envelope, told `Connection: close`, and the connection must then end cleanly —
 * never reset, and never left open for a next request that the server would reset.
 */
import http from 'node:http';
import { expect, test } from '@playwright/test';
import { KEYS } from './helpers';

const MiB = 1024 * 1024;

interface Exchange {
  status: number | undefined;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Every error the socket or request reported, by code (ECONNRESET, EPIPE…). */
  errors: string[];
  socketClosedWithError: boolean;
}

function origin(): URL {
  const base = test.info().project.use.baseURL;
  if (!base) throw new Error('playwright.config.ts sets no baseURL');
  return new URL(base);
}

/**
 * POSTs a JSON body of `size` bytes through `agent` (keep-alive, so only the server can decide to
 * close), chunked or with an honest Content-Length, writing all of it before reading the answer;
 * resolves once the socket has closed.
 */
function postOversized(agent: http.Agent, size: number, framing: 'chunked' | 'content-length'): Promise<Exchange> {
  const { hostname, port } = origin();
  const head = Buffer.from('{"workflow_id":"w","model_output":{"blob":"');
  const tail = Buffer.from('"}}');
  const filler = Buffer.alloc(64 * 1024, 'a');
  return new Promise((resolve) => {
    const exchange: Exchange = { status: undefined, headers: {}, body: '', errors: [], socketClosedWithError: false };
    const request = http.request({
      agent,
      hostname,
      port,
      method: 'POST',
      path: '/v1/workflows/reviews',
      headers: {
        'content-type': 'application/json',
        'api-key': KEYS.integration,
        ...(framing === 'content-length' ? { 'content-length': String(size) } : {}),
      },
    });
    request.on('error', (error: NodeJS.ErrnoException) => exchange.errors.push(error.code ?? error.message));
    request.on('socket', (socket) => {
      socket.on('error', (error: NodeJS.ErrnoException) => exchange.errors.push(error.code ?? error.message));
      socket.on('close', (hadError) => {
        exchange.socketClosedWithError = hadError;
        resolve(exchange);
      });
    });
    request.on('response', (response) => {
      exchange.status = response.statusCode;
      exchange.headers = response.headers;
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        exchange.body += chunk;
      });
    });
    let remaining = size - head.length - tail.length;
    request.write(head);
    const pump = () => {
      while (remaining > 0) {
        const piece = filler.subarray(0, Math.min(filler.length, remaining));
        remaining -= piece.length;
        if (!request.write(piece)) {
          request.once('drain', pump);
          return;
        }
      }
      request.end(tail);
    };
    pump();
  });
}

function get(agent: http.Agent, path: string): Promise<{ status: number | undefined; reusedSocket: boolean }> {
  const { hostname, port } = origin();
  return new Promise((resolve, reject) => {
    const request = http.get({ agent, hostname, port, path }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode, reusedSocket: request.reusedSocket }));
    });
    request.on('error', reject);
  });
}

for (const [label, size, framing] of [
  ['a chunked body of 6 MiB', 6 * MiB, 'chunked'],
  ['a chunked body of 12 MiB', 12 * MiB, 'chunked'],
  ['a body of 6 MiB with its Content-Length', 6 * MiB, 'content-length'],
] as const) {
  test(`${label} gets the whole 413 envelope, then a clean close`, async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const exchange = await postOversized(agent, size, framing);

      expect(exchange.errors).toEqual([]);
      expect(exchange.socketClosedWithError).toBe(false);
      expect(exchange.status).toBe(413);
      expect(exchange.headers.connection).toBe('close');
      expect(exchange.headers['x-request-id']).toBeTruthy();
      expect(JSON.parse(exchange.body)).toEqual({
        detail: { code: 'payload_too_large', message: expect.any(String), details: { max_bytes: 5 * MiB } },
      });

      // The next request through the same client goes out on a new connection and is answered.
      const next = await get(agent, '/v1/openapi.json');
      expect(next).toEqual({ status: 200, reusedSocket: false });
    } finally {
      agent.destroy();
    }
  });
}
