import { type NextRequest, NextResponse } from 'next/server';

/**
 * Pages keep Next.js's default of dropping a trailing slash, which next.config.ts turns off
 * (skipTrailingSlashRedirect) so that API paths can answer in the envelope instead. The API is
 * not matched: its edge runs before Next.js (lib/http/server-edge.ts), at a fraction of the cost.
 */
export function proxy(request: NextRequest): Response {
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
  // Pages only: not build assets, and not the API (`/v1` and everything under it).
  matcher: ['/((?!_next/static|_next/image|favicon.ico|v1$|v1/).*)'],
};
