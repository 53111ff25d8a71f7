import { AppError } from '../errors';
import { assertStorableJson } from './storable-json';

const MiB = 1024 * 1024;
/** The body limit of every route that does not set its own (`maxBodyBytes` of its spec). */
export const MAX_BODY_BYTES = MiB;

/**
 * How much of a body over the limit is still read, and thrown away, before the 413 goes out. Most
 * clients send their whole body before they read an answer; a server that stops reading and
 * closes while they are still sending resets the connection, and they never see the 413. Past
 * this much the reading stops all the same.
 */
export const MAX_DISCARDED_BYTES = 16 * MAX_BODY_BYTES;

// Refuses malformed UTF-8 rather than replacing it with U+FFFD, which would alter what is stored.
// The BOM is kept, so a body that starts with one is not JSON, as before.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** `1 MiB`, `512 KiB`: limits as people read them. */
export function formatBytes(bytes: number): string {
  return bytes % MiB === 0 ? `${bytes / MiB} MiB` : `${bytes / 1024} KiB`;
}

/**
 * Reads a JSON request body of at most `maxBytes` (1 MiB unless the route says otherwise),
 * never buffering more: a client that lies in Content-Length, or sends none, is held to the
 * limit all the same.
 */
export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i.test(type)) {
    throw new AppError('unsupported_media_type', 'send the body as JSON with Content-Type: application/json');
  }
  const text = decodeUtf8(await readBodyBytes(request, maxBytes));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError(
      'invalid_json',
      text.trim() === '' ? 'the request body is empty' : 'the request body is not valid JSON',
    );
  }
  assertStorableJson(parsed, text);
  return parsed;
}

/** Reads a raw request body of at most `maxBytes`, with the same guarantees as readJsonBody. */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Buffer> {
  const discardUpTo = Math.max(MAX_DISCARDED_BYTES, maxBytes + MiB);
  const tooLarge = () =>
    new AppError('payload_too_large', `the request body is larger than ${formatBytes(maxBytes)} (${maxBytes} bytes)`, {
      max_bytes: maxBytes,
    });
  const declared = Number(request.headers.get('content-length') ?? '0');
  // Reading all of that only to refuse it is not worth it: answer at once.
  if (declared > discardUpTo) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > discardUpTo) {
        await reader.cancel();
        throw tooLarge();
      }
      if (size <= maxBytes) chunks.push(value);
    }
  }
  if (size > maxBytes || declared > maxBytes) throw tooLarge();
  return Buffer.concat(chunks);
}

function decodeUtf8(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new AppError('invalid_json', 'the request body is not valid UTF-8');
  }
}
