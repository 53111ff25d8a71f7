import { AppError } from '../errors';
import { assertStorableJson } from './storable-json';

export const MAX_BODY_BYTES = 1024 * 1024;

// Refuses malformed UTF-8 rather than replacing it with U+FFFD, which would alter what is stored.
// The BOM is kept, so a body that starts with one is not JSON, as before.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Reads a JSON request body, refusing more than 1 MiB before it is buffered: a client that lies
 * in Content-Length, or sends none, is cut off at the limit all the same.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i.test(type)) {
    throw new AppError('unsupported_media_type', 'send the body as JSON with Content-Type: application/json');
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw tooLarge();

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const text = decodeUtf8(Buffer.concat(chunks));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('invalid_json', text.trim() === '' ? 'the request body is empty' : 'the request body is not valid JSON');
  }
  assertStorableJson(parsed, text);
  return parsed;
}

function decodeUtf8(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new AppError('invalid_json', 'the request body is not valid UTF-8');
  }
}

function tooLarge(): AppError {
  return new AppError('payload_too_large', `the request body is larger than ${MAX_BODY_BYTES} bytes`);
}
