/**
 * The API's edge, in front of Next.js: every request under /v1 that no route handler would answer
 * in the contract's envelope (a path it cannot decode, a trailing slash, a method the route does
 * not take, OPTIONS) is answered here, before Next.js builds a `Request` for it. Here rather than
 * in proxy.ts: a proxy runs Next.js's middleware machinery on every request it matches, which cost
 * about 1 ms of CPU per API request, as much again as an empty route (issue #9).
 *
 * It is also the only place that sees CONNECT, TRACE and TRACK: the fetch standard forbids them,
 * undici throws for them, and Next.js answers a bare `500` in plain text, outside the envelope and
 * without `x-request-id`, wherever they are sent. And it gives back the `Content-Length` Next.js
 * drops from a route's answer, where the route declared one (declared-length.ts).
 */
import http from 'node:http';
import { decideAtEdge } from './api-edge';
import { installDeclaredLength } from './declared-length';
import { errorResponse, NOSNIFF, REQUEST_ID_HEADER, requestIdFrom } from './responses';

const FETCH_FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** The path of a request target: origin-form (`/v1/x?y`) or absolute-form (`http://host/v1/x`). */
function pathnameOf(target: string): string {
  if (!target.startsWith('/')) {
    try {
      return new URL(target).pathname;
    } catch {
      return '/';
    }
  }
  const query = target.indexOf('?');
  return query === -1 ? target : target.slice(0, query);
}

const isApiPath = (pathname: string) => pathname === '/v1' || pathname.startsWith('/v1/');

/** The answer to a request the app's routes would not answer in the envelope, or null to pass it on. */
export function answerAtServerEdge(method: string, target: string, requestIdHeader: string | null): Response | null {
  const pathname = pathnameOf(target);
  if (isApiPath(pathname)) {
    const decision = decideAtEdge(method, pathname);
    if (decision.kind === 'pass') return null;
    const requestId = requestIdFrom(requestIdHeader);
    if (decision.kind === 'refuse') return errorResponse(decision.error, requestId, decision.headers);
    return new Response(null, {
      status: 204,
      headers: { allow: decision.allow.join(', '), [REQUEST_ID_HEADER]: requestId, [NOSNIFF[0]]: NOSNIFF[1] },
    });
  }
  if (!FETCH_FORBIDDEN_METHODS.has(method)) return null;
  return new Response(null, {
    status: 405,
    headers: { allow: 'GET, HEAD', [REQUEST_ID_HEADER]: requestIdFrom(requestIdHeader) },
  });
}

async function send(response: Response, out: http.ServerResponse): Promise<void> {
  out.writeHead(response.status, Object.fromEntries(response.headers));
  out.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * Puts the edge in front of every HTTP server of this process (Next.js's among them), once:
 * Next.js offers no hook that runs before it builds the `Request`.
 */
export function installServerEdge(): void {
  installDeclaredLength();
  const emit = http.Server.prototype.emit;
  if ((emit as { serverEdge?: true }).serverEdge) return;
  const guarded = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request') {
      const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
      const header = request.headers[REQUEST_ID_HEADER];
      const answer = answerAtServerEdge(
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
  http.Server.prototype.emit = Object.assign(guarded, { serverEdge: true as const }) as typeof emit;
}
