import { AppError } from '../errors';
import { allowedMethods } from './allowed-methods';

/** What the server's edge (server-edge.ts) does with a request under /v1 before Next.js sees it. */
export type EdgeDecision =
  | { kind: 'pass' }
  | { kind: 'options'; allow: string[] }
  | { kind: 'refuse'; error: AppError; headers?: Record<string, string> };

// The methods the catch-all route app/v1/[...path] answers, with a 404 in the envelope.
const CATCH_ALL_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** A segment URL parsers remove or resolve (the WHATWG URL standard's single- and double-dot segments). */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

function decodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * The answers Next.js would otherwise give by itself, outside the contract's envelope: a bare
 * 500 for a path it cannot decode (vercel/next.js#92527), a 308 for a trailing slash, an empty
 * 405 for a method the route does not export, a 400 for methods it does not know.
 */
export function decideAtEdge(method: string, pathname: string): EdgeDecision {
  // A path that cannot be decoded names nothing, as a path id that cannot exist does.
  if (!decodable(pathname)) {
    return { kind: 'refuse', error: new AppError('not_found', 'the request path is not valid percent-encoded UTF-8') };
  }
  // `.` and `..` (or `%2e`) are not ids: URL parsers remove them, so Next.js would route the
  // request to another path, whose route may not take the method (an empty 405).
  if (pathname.split('/').some((segment) => DOT_SEGMENT.test(segment))) {
    return {
      kind: 'refuse',
      error: new AppError('not_found', `no route ${pathname}: API paths have no . or .. segments`),
    };
  }
  if (pathname.length > 1 && pathname.endsWith('/')) {
    const canonical = pathname.replace(/\/+$/, '');
    return {
      kind: 'refuse',
      error: new AppError('not_found', `no route ${pathname}: API paths have no trailing slash (${canonical})`),
    };
  }
  const allow = allowedMethods(pathname);
  if (allow === null) {
    // The catch-all takes one segment at least: `/v1` itself would get Next.js's HTML 404 page.
    if (CATCH_ALL_METHODS.has(method) && pathname !== '/v1') return { kind: 'pass' };
    return { kind: 'refuse', error: new AppError('not_found', `no route ${method} ${pathname}`) };
  }
  if (method === 'OPTIONS') return { kind: 'options', allow: [...allow, 'OPTIONS'] };
  if (allow.includes(method)) return { kind: 'pass' };
  const listed = [...allow, 'OPTIONS'];
  return {
    kind: 'refuse',
    error: new AppError('method_not_allowed', `${pathname} does not answer ${method}; it answers ${allow.join(', ')}`, {
      allowed_methods: listed,
    }),
    headers: { allow: listed.join(', ') },
  };
}
