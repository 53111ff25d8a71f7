/**
 * Matching request paths against route paths (`/v1/workflows/runs/{run_id}`), as Next.js matches
 * them against route folders: a placeholder stands for any one non-empty segment, and a route
 * with fewer placeholders wins. Zod-free, for the server edge and the browser's client.
 */
import { paramKey } from './define-route';

/** A route path split once: each segment is a literal, or the param key a placeholder fills. */
interface RoutePattern {
  segments: ({ literal: string; key: null } | { literal: null; key: string })[];
  placeholders: number;
}

const patterns = new Map<string, RoutePattern>();

// Every request under /v1 is matched against every route (server-edge.ts): split each path once.
function patternOf(routePath: string): RoutePattern {
  let pattern = patterns.get(routePath);
  if (pattern === undefined) {
    const segments = routePath.split('/').map((part): RoutePattern['segments'][number] => {
      const placeholder = /^\{([a-z_]+)\}$/.exec(part)?.[1];
      return placeholder ? { literal: null, key: paramKey(placeholder) } : { literal: part, key: null };
    });
    pattern = { segments, placeholders: segments.filter((segment) => segment.key !== null).length };
    patterns.set(routePath, pattern);
  }
  return pattern;
}

function matches({ segments }: RoutePattern, parts: string[]): boolean {
  if (segments.length !== parts.length) return false;
  for (let index = 0; index < parts.length; index++) {
    const { literal } = segments[index]!;
    if (literal === null ? parts[index] === '' : literal !== parts[index]) return false;
  }
  return true;
}

/** The raw (still percent-encoded) segments of `pathname` by param key, or null if it does not match. */
export function matchPath(routePath: string, pathname: string): Record<string, string> | null {
  const pattern = patternOf(routePath);
  const parts = pathname.split('/');
  if (!matches(pattern, parts)) return null;
  const params: Record<string, string> = {};
  pattern.segments.forEach(({ key }, index) => {
    if (key !== null) params[key] = parts[index]!;
  });
  return params;
}

/** The routes whose path serves `pathname`: those of the most specific path, as Next.js picks it. */
export function routesServing<T extends { path: string }>(routes: readonly T[], pathname: string): T[] {
  const parts = pathname.split('/');
  const matching = routes.filter((route) => matches(patternOf(route.path), parts));
  const fewest = Math.min(...matching.map((route) => patternOf(route.path).placeholders));
  return matching.filter((route) => patternOf(route.path).placeholders === fewest);
}

/** `/v1/workflows/runs/{run_id}` with `{ runId: 'a/b' }` → `/v1/workflows/runs/a%2Fb`. */
export function fillPath(routePath: string, params: Record<string, string>): string {
  return routePath.replace(/\{([a-z_]+)\}/g, (_, name: string) => encodeURIComponent(params[paramKey(name)] ?? ''));
}
