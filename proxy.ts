import { type NextRequest, NextResponse } from 'next/server';
import { decideAtEdge } from '@/lib/http/api-edge';
import { errorResponse, NOSNIFF, REQUEST_ID_HEADER, requestIdFor } from '@/lib/http/responses';

/**
 * Runs before routing, so it sees what route handlers never do: undecodable paths, trailing
 * slashes and methods a route does not export. Every API answer leaves with `x-request-id`, the
 * same one the route handler logs (it is handed on as a request header).
 */
export function proxy(request: NextRequest): Response {
  const { pathname } = request.nextUrl;
  if (pathname !== '/v1' && !pathname.startsWith('/v1/')) return pageRequest(request);

  const requestId = requestIdFor(request);
  const decision = decideAtEdge(request.method, pathname);
  if (decision.kind === 'refuse') return errorResponse(decision.error, requestId, decision.headers);
  if (decision.kind === 'options') {
    return new Response(null, {
      status: 204,
      headers: { allow: decision.allow.join(', '), [REQUEST_ID_HEADER]: requestId, [NOSNIFF[0]]: NOSNIFF[1] },
    });
  }
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  // On every answer of the routes behind it too: JSON, CSV and event streams alike.
  response.headers.set(NOSNIFF[0], NOSNIFF[1]);
  return response;
}

/**
 * Pages keep Next.js's default of dropping a trailing slash, which next.config.ts turns off
 * (skipTrailingSlashRedirect) so that API paths can answer in the envelope instead.
 */
function pageRequest(request: NextRequest): Response {
  const { pathname } = request.nextUrl;
  if (pathname.length > 1 && pathname.endsWith('/')) {
    // Not nextUrl.clone(): with skipTrailingSlashRedirect it keeps the slash when formatted.
    const url = new URL(request.url);
    url.pathname = pathname.replace(/\/+$/, '') || '/';
    return NextResponse.redirect(url, 308);
  }
  return NextResponse.next();
}

export const config = {
  // Everything but build assets: pages need the trailing-slash redirect, the API all of it.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
