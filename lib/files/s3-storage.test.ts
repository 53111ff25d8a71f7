/**
 * The S3 storage against a tiny in-process stand-in for S3 (path-style PUT and GET of objects),
 * so that the requests the AWS SDK makes are checked without a real bucket.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3Storage } from './s3-storage';

const objects = new Map<string, { body: Buffer; type: string | undefined }>();
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const key = decodeURIComponent(new URL(request.url ?? '/', 'http://s3').pathname);
      if (request.method === 'PUT') {
        objects.set(key, { body: Buffer.concat(chunks), type: request.headers['content-type'] });
        response.writeHead(200, { etag: '"x"' }).end();
        return;
      }
      const object = objects.get(key);
      if (request.method === 'GET' && object) {
        response.writeHead(200, {
          'content-type': object.type ?? 'application/octet-stream',
          'content-length': object.body.length,
        });
        response.end(object.body);
        return;
      }
      response
        .writeHead(404, { 'content-type': 'application/xml' })
        .end('<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>no such key</Message></Error>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('s3Storage', () => {
  const storage = () =>
    s3Storage({
      bucket: 'reviews',
      region: 'eu-central-1',
      endpoint,
      forcePathStyle: true,
      prefix: 'files/',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
  const key = { organizationId: 'org-1', sha256: 'abc123' };

  it('puts the bytes under <bucket>/<prefix><organization>/<sha256> with their type, and gets them back', async () => {
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0, 255]);
    await storage().put(key, bytes, 'application/pdf');
    const stored = objects.get('/reviews/files/org-1/abc123');
    expect(stored?.type).toBe('application/pdf');
    expect(new Uint8Array(stored?.body ?? [])).toEqual(bytes);
    expect(await storage().get(key)).toEqual(bytes);
  });

  it('answers null for a key the bucket does not have', async () => {
    expect(await storage().get({ organizationId: 'org-1', sha256: 'missing' })).toBeNull();
  });
});
