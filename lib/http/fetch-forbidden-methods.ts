/**
 * CONNECT, TRACE and TRACK are methods the fetch standard forbids: Next.js turns every request
 * into a `Request` before proxy.ts runs, undici throws for these three, and Next.js answers a bare
 * `500 Internal Server Error` in plain text, outside the envelope and without `x-request-id`. So
 * the Node server answers them itself, as proxy.ts answers any other method a path does not take.
 */
import http from 'node:http';
import { decideAtEdge } from './api-edge';
import { errorResponse, REQUEST_ID_HEADER, requestIdFrom } from './responses';

const FETCH_FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

function pathnameOf(url: string): string {
  return url.split('?', 1)[0] || '/';
}

/** The answer to a request Next.js cannot take, or null for every other request. */
export function answerToForbiddenMethod(method: string, url: string, requestIdHeader: string | null): Response | null {
  if (!FETCH_FORBIDDEN_METHODS.has(method)) return null;
  const requestId = requestIdFrom(requestIdHeader);
  const pathname = pathnameOf(url);
  if (pathname === '/v1' || pathname.startsWith('/v1/')) {
    const decision = decideAtEdge(method, pathname);
    // No route answers these methods, so the edge always refuses them; the fallback keeps that true.
    if (decision.kind === 'refuse') return errorResponse(decision.error, requestId, decision.headers);
  }
  return new Response(null, { status: 405, headers: { allow: 'GET, HEAD', [REQUEST_ID_HEADER]: requestId } });
}

async function send(response: Response, out: http.ServerResponse): Promise<void> {
  out.writeHead(response.status, Object.fromEntries(response.headers));
  out.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * Puts the answer in front of every HTTP server of this process (Next.js's among them), once: Next.js
 * offers no hook that runs before it builds the `Request`.
 */
export function answerFetchForbiddenMethods(): void {
  const emit = http.Server.prototype.emit;
  if ((emit as { forbiddenMethods?: true }).forbiddenMethods) return;
  const guarded = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request') {
      const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
      const header = request.headers[REQUEST_ID_HEADER];
      const answer = answerToForbiddenMethod(
        request.method ?? '',
        request.url ?? '/',
        typeof header === 'string' ? header : null,
      );
      if (answer) {
        void send(answer, response);
        return true;
      }
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  };
  http.Server.prototype.emit = Object.assign(guarded, { forbiddenMethods: true as const }) as typeof emit;
}
