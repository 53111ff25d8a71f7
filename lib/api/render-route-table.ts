import type { AnyRouteSpec } from '../http/define-route';

/**
 * The text of route-table.ts: each route's name, method and path, without zod, so that the server's
 * edge and the browser's client can use them without loading a schema.
 */
export function renderRouteTable(routes: readonly AnyRouteSpec[]): string {
  const entries = routes.map((route) => `  ${route.name}: { method: '${route.method}', path: '${route.path}' },`);
  return `// Generated from lib/api/registry.ts by \`npm run routes\`; registry.test.ts fails when it is stale.
export const ROUTE_TABLE = {
${entries.join('\n')}
} as const;

export type RouteName = keyof typeof ROUTE_TABLE;
`;
}
