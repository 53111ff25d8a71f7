import { ROUTE_TABLE } from '../api/route-table';
import { routesServing } from './route-paths';

/**
 * The methods the route serving `pathname` answers (HEAD wherever GET is, as Next.js adds it), or
 * null when no route serves it. The server edge needs it because Next.js answers a method a route does
 * not export by itself, with an empty 405 outside the envelope.
 */
export function allowedMethods(pathname: string): string[] | null {
  const routes = routesServing(Object.values(ROUTE_TABLE), pathname);
  if (routes.length === 0) return null;
  const methods: string[] = routes.map((route) => route.method);
  return methods.includes('GET') ? [...methods, 'HEAD'] : methods;
}
