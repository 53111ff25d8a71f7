import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { MAX_BODY_BYTES, MAX_DISCARDED_BYTES, readJsonBody } from './read-json-body';

const CHUNK = 64 * 1024;

/** A body of `total` bytes (endless when Infinity) that records how much of it was read. */
function streamedRequest(total: number) {
  const read = { bytes: 0, ended: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (read.bytes >= total) {
        read.ended = true;
        controller.close();
        return;
      }
      const size = Math.min(CHUNK, total - read.bytes);
      read.bytes += size;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
  const request = new Request('http://localhost/v1/workflows/reviews', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    duplex: 'half',
  } as RequestInit);
  return { request, read };
}

async function refusal(request: Request): Promise<string> {
  const error = await readJsonBody(request).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

describe('readJsonBody with a body over the limit', () => {
  it('reads the rest of a moderately oversized body before refusing it, so the 413 can be delivered', async () => {
    const { request, read } = streamedRequest(2 * MAX_BODY_BYTES);
    expect(await refusal(request)).toBe('payload_too_large');
    expect(read.ended).toBe(true);
  });

  it('stops reading an endless body once it has thrown away its share', async () => {
    const { request, read } = streamedRequest(Number.POSITIVE_INFINITY);
    expect(await refusal(request)).toBe('payload_too_large');
    expect(read.bytes).toBeLessThanOrEqual(MAX_DISCARDED_BYTES + 2 * CHUNK);
  });
});
