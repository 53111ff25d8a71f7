/** One POST of a webhook, with the contract's time limit and the private-address guard at connect time. */
import http from 'node:http';
import https from 'node:https';
import { ipLiteralOf, isPrivateAddress, PrivateAddressError, publicOnlyLookup } from './private-address';

export const DELIVERY_TIMEOUT_MS = 15_000;

export interface WebhookPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivateUrls: boolean;
}

/** Delivered means a 2xx answer in time; anything else is a failure worth recording. */
export type PostOutcome =
  | { delivered: true; statusCode: number }
  | { delivered: false; statusCode: number | null; error: string };

function describeError(error: unknown, timeoutMs: number): string {
  if (error instanceof PrivateAddressError) return `refused: ${error.message}`;
  const { name, code, message } = error as { name?: string; code?: string; message?: string };
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  return code ? `${code}: ${message ?? ''}`.trim() : (message ?? String(error));
}

export function postWebhook(post: WebhookPost): Promise<PostOutcome> {
  const url = new URL(post.url);
  const literal = ipLiteralOf(url);
  // Node connects to an IP literal without a lookup, so the guard judges it here.
  if (!post.allowPrivateUrls && literal && isPrivateAddress(literal)) {
    return Promise.resolve({
      delivered: false,
      statusCode: null,
      error: `refused: ${new PrivateAddressError(url.hostname, literal).message}`,
    });
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: {
          ...post.headers,
          'content-length': String(Buffer.byteLength(post.body)),
          'user-agent': 'ReviewInbox-Webhooks',
        },
        // A fresh connection per attempt: a pooled one could outlive an endpoint's change of address.
        agent: false,
        lookup: post.allowPrivateUrls ? undefined : publicOnlyLookup,
        signal: AbortSignal.timeout(post.timeoutMs),
      },
      (response) => {
        const statusCode = response.statusCode ?? 0;
        // The answer's body is not ours to read; only its status counts.
        response.resume();
        response.on('error', () => {});
        resolve(
          statusCode >= 200 && statusCode < 300
            ? { delivered: true, statusCode }
            : { delivered: false, statusCode, error: `HTTP ${statusCode}` },
        );
      },
    );
    request.on('error', (error) =>
      resolve({ delivered: false, statusCode: null, error: describeError(error, post.timeoutMs) }),
    );
    request.end(post.body);
  });
}
