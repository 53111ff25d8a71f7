/**
 * Matching request paths against route paths (`/v1/workflows/runs/{run_id}`), as Next.js matches
 * them against route folders: a placeholder stands for any one non-empty segment, and a route
 * with fewer placeholders wins. Zod-free, for proxy.ts and the browser's client.
 */
import { paramKey } from './define-route';

/** The raw (still percent-encoded) segments of `pathname` by param key, or null if it does not match. */
export function matchPath(routePath: string, pathname: string): Record<string, string> | null {
  const routeParts = routePath.split('/');
  const pathParts = pathname.split('/');
  if (routeParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of routeParts.entries()) {
    const segment = pathParts[index] as string;
    const placeholder = /^\{([a-z_]+)\}$/.exec(part);
    if (placeholder?.[1] && segment !== '') params[paramKey(placeholder[1])] = segment;
    else if (part !== segment) return null;
  }
  return params;
}

const placeholders = (routePath: string) => routePath.split('{').length - 1;

/** The routes whose path serves `pathname`: those of the most specific path, as Next.js picks it. */
export function routesServing<T extends { path: string }>(routes: readonly T[], pathname: string): T[] {
  const matching = routes.filter((route) => matchPath(route.path, pathname) !== null);
  const fewest = Math.min(...matching.map((route) => placeholders(route.path)));
  return matching.filter((route) => placeholders(route.path) === fewest);
}

/** `/v1/workflows/runs/{run_id}` with `{ runId: 'a/b' }` → `/v1/workflows/runs/a%2Fb`. */
export function fillPath(routePath: string, params: Record<string, string>): string {
  return routePath.replace(/\{([a-z_]+)\}/g, (_, name: string) => encodeURIComponent(params[paramKey(name)] ?? ''));
}
