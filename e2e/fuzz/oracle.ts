/**
 * What every answer of the API must be, whatever was sent: never a 5xx, always `x-request-id`,
 * an error in the contract's envelope, a success with a status some route documents, and a body
 * that holds invalid text refused rather than stored altered.
 */
import type { FuzzRequest } from './arbitraries';
import type { RawResponse } from './raw-http';

const SUCCESS_STATUSES = new Set([200, 201, 202, 204]);
/** What the API itself writes; any other type of body is a stored file handed back. */
const SERVED_TYPES = /^(application\/json|text\/csv|text\/event-stream)\b/;

function envelopeProblem(response: RawResponse): string | null {
  if (!response.headers['content-type']?.startsWith('application/json')) {
    return `an error answered as ${response.headers['content-type'] ?? 'no content type'}`;
  }
  try {
    const body = JSON.parse(response.body.toString('utf8')) as { detail?: Record<string, unknown> };
    const detail = body.detail;
    if (
      Object.keys(body).join() !== 'detail' ||
      typeof detail?.code !== 'string' ||
      typeof detail.message !== 'string'
    ) {
      return 'an error body that is not { detail: { code, message, details } }';
    }
    return 'details' in detail ? null : 'an error body without details';
  } catch {
    return 'an error body that is not JSON';
  }
}

/**
 * Next.js answers a path with `//` or `\\` by itself, before proxy.ts runs, with a 308 to the path
 * with the slashes collapsed (base-server.js, `normalizeRepeatedSlashes`); no setting turns that
 * off. The redirect names the canonical path, so it is let through here, and only that.
 */
function nextJsSlashRedirect(request: FuzzRequest['request'], response: RawResponse): boolean {
  const target = Buffer.isBuffer(request.target) ? request.target.toString('latin1') : request.target;
  const path = target.split('?', 1)[0] ?? '';
  return response.status === 308 && /\\|\/\//.test(path) && !/\\|\/\//.test(response.headers.location ?? '');
}

/**
 * Node's HTTP parser reads at most 16 KiB of request line and headers (`--max-http-header-size`)
 * and answers a bare 431 past that, before any of the app runs (SECURITY.md, known limits).
 */
const NODE_MAX_HEAD_BYTES = 16 * 1024;

function nodeHeadTooLarge(request: FuzzRequest['request'], response: RawResponse): boolean {
  const headBytes =
    request.method.length +
    Buffer.byteLength(request.target) +
    request.headers.reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value) + 4, 0);
  return response.status === 431 && headBytes > NODE_MAX_HEAD_BYTES;
}

export function problemsWith({ operation, request, poisoned }: FuzzRequest, response: RawResponse): string[] {
  const problems: string[] = [];
  const { status } = response;
  if (nextJsSlashRedirect(request, response) || nodeHeadTooLarge(request, response)) return problems;
  if (status >= 500) problems.push(`answered ${status}`);
  if (!response.headers['x-request-id']) problems.push('no x-request-id header');
  if (response.headers['x-content-type-options'] !== 'nosniff') problems.push('no x-content-type-options: nosniff');
  // A file is served as what it is and never runs as a page of this origin (files routes).
  const type = response.headers['content-type'] ?? '';
  if (
    SUCCESS_STATUSES.has(status) &&
    type &&
    !SERVED_TYPES.test(type) &&
    !/\bsandbox\b/.test(response.headers['content-security-policy'] ?? '')
  ) {
    problems.push(`a ${type} answer without Content-Security-Policy: sandbox`);
  }
  if (status >= 400 && request.method !== 'HEAD') {
    const problem = envelopeProblem(response);
    if (problem) problems.push(problem);
  }
  if (status < 400 && !SUCCESS_STATUSES.has(status)) problems.push(`answered ${status}, which no route documents`);
  // HEAD answers the headers of a GET without its body.
  const hasBody = request.method !== 'HEAD' && status !== 204;
  if (hasBody && SUCCESS_STATUSES.has(status) && response.headers['content-type']?.startsWith('application/json')) {
    try {
      JSON.parse(response.body.toString('utf8'));
    } catch {
      problems.push('a success whose JSON body does not parse');
    }
  }
  if (poisoned && operation.body && request.method === operation.method && status < 400) {
    problems.push(`a body with invalid text was accepted (${status}) where it must be refused`);
  }
  return problems;
}
