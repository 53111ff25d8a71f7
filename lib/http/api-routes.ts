/**
 * The methods each API route answers, keyed by its folder under app/ (a `[param]` folder stands
 * for any one path segment). proxy.ts needs it because Next.js answers a method a route does not
 * export by itself, with an empty 405 outside the envelope; `api-routes.test.ts` checks it
 * against the route files, so a route added without an entry here fails the tests.
 */
export const API_ROUTES: Readonly<Record<string, readonly string[]>> = {
  '/v1/auth/me': ['GET'],
  '/v1/auth/sign-in': ['POST'],
  '/v1/auth/sign-out': ['POST'],
  '/v1/events': ['GET'],
  '/v1/openapi.json': ['GET'],
  '/v1/workflows/reviews': ['GET', 'POST'],
  '/v1/workflows/reviews/counts': ['GET'],
  '/v1/workflows/reviews/[runId]/[blockId]': ['GET'],
  '/v1/workflows/reviews/[runId]/[blockId]/claim': ['POST'],
  '/v1/workflows/reviews/[runId]/[blockId]/decision': ['POST'],
  '/v1/workflows/reviews/[runId]/[blockId]/release': ['POST'],
  '/v1/workflows/reviews/[runId]/[blockId]/reopen': ['POST'],
  '/v1/workflows/reviews/[runId]/[blockId]/revert': ['POST'],
  '/v1/workflows/reviews/[runId]/[blockId]/versions': ['POST'],
  '/v1/workflows/runs/[runId]': ['GET'],
};

function matches(route: string, pathname: string): boolean {
  const routeParts = route.split('/');
  const pathParts = pathname.split('/');
  return (
    routeParts.length === pathParts.length &&
    routeParts.every((part, index) => part === pathParts[index] || (/^\[\w+\]$/.test(part) && pathParts[index] !== ''))
  );
}

const dynamicSegments = (route: string) => route.split('[').length - 1;

/**
 * The methods the route serving `pathname` answers (HEAD wherever GET is, as Next.js adds it), or
 * null when no route serves it. Static folders win over `[param]` ones, as in Next.js.
 */
export function allowedMethods(pathname: string): string[] | null {
  const [route] = Object.keys(API_ROUTES)
    .filter((candidate) => matches(candidate, pathname))
    .sort((a, b) => dynamicSegments(a) - dynamicSegments(b));
  if (route === undefined) return null;
  const methods = [...(API_ROUTES[route] ?? [])];
  return methods.includes('GET') ? [...methods, 'HEAD'] : methods;
}
